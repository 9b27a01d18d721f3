"""Who may write, review and read handbooks."""

import pytest
from django.contrib.auth.models import Group

from handbooks.models import ChapterPage, HandbookPage
from organizations.models import Role
from organizations.services import role_assign
from tests.factories import UserFactory, body, handbook_index, make_handbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    user = UserFactory(email="giangvien@example.vn")
    role_assign(actor=admin, user=user, role=Role.MASTER_TRAINER, unit=tree["central"])
    return user


@pytest.fixture
def reviewer():
    user = UserFactory(email="bientap@example.vn")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_author_may_write_handbooks_but_not_publish(author):
    handbook = make_handbook(chapters=1)
    index_perms = handbook_index().permissions_for_user(author)
    handbook_perms = handbook.permissions_for_user(author)
    assert index_perms.can_add_subpage()
    assert handbook_perms.can_edit()
    assert handbook_perms.can_add_subpage()
    assert not handbook_perms.can_publish()


def test_learner_and_organizer_may_not_edit(tree, organizer):
    learner = UserFactory()
    handbook = make_handbook(chapters=1)
    for user in (learner, organizer):
        assert not handbook.permissions_for_user(user).can_edit()
        assert not handbook_index().permissions_for_user(user).can_add_subpage()


def test_author_reaches_the_editor_and_learner_does_not(client, author):
    handbook = make_handbook(chapters=1)
    client.force_login(author)
    assert client.get(f"/admin/pages/{handbook.pk}/edit/").status_code == 200
    client.force_login(UserFactory())
    assert client.get(f"/admin/pages/{handbook.pk}/edit/").status_code == 302


def test_changes_go_through_review_before_publishing(author, reviewer):
    handbook = make_handbook(chapters=0)
    workflow = handbook.get_workflow()
    assert workflow is not None

    chapter = ChapterPage(
        title="Chương mới chờ duyệt", body=body(("paragraph", "<p>Bản thảo.</p>")), live=False
    )
    handbook.add_child(instance=chapter)
    revision = chapter.save_revision(user=author)
    state = workflow.start(chapter, author)
    chapter.refresh_from_db()
    assert not chapter.live
    assert state.status == state.STATUS_IN_PROGRESS

    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(chapter, reviewer)
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    chapter.refresh_from_db()
    assert chapter.live
    assert chapter.live_revision_id == revision.pk


def test_drafts_are_invisible_to_readers(client, tree):
    handbook = make_handbook(chapters=1)
    draft = ChapterPage(title="Chương nháp", body=body(("paragraph", "<p>x</p>")), live=False)
    handbook.add_child(instance=draft)
    draft.save_revision()
    learner = UserFactory()
    assert client.get(draft.url or f"{handbook.url}chuong-nhap/").status_code == 404
    client.force_login(learner)
    assert client.get(f"{handbook.url}chuong-nhap/").status_code == 404
    assert "Chương nháp" not in client.get(handbook.url).content.decode()


def test_unpublished_handbook_is_404(client):
    handbook = make_handbook(chapters=1)
    url = handbook.url
    HandbookPage.objects.get(pk=handbook.pk).unpublish()
    assert client.get(url).status_code == 404


def test_scheduled_chapter_goes_live_when_beat_runs_the_task():
    import datetime

    from django.utils import timezone

    from lms.tasks import publish_scheduled

    handbook = make_handbook(chapters=0)
    chapter = ChapterPage(title="Chương hẹn giờ", body=body(("paragraph", "<p>x</p>")), live=False)
    handbook.add_child(instance=chapter)
    chapter.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = chapter.save_revision()
    revision.publish()
    chapter.refresh_from_db()
    assert not chapter.live

    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    publish_scheduled()
    chapter.refresh_from_db()
    assert chapter.live


def test_author_opens_the_editor_for_a_new_chapter_with_every_block(client, author):
    handbook = make_handbook(chapters=0)
    client.force_login(author)
    response = client.get(f"/admin/pages/add/handbooks/chapterpage/{handbook.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    for block_type in ("callout", "checklist", "procedure", "case_study", "glossary", "table"):
        assert f"&quot;{block_type}&quot;" in html

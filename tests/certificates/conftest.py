import pytest

from courses.services.classes import class_complete_participant, class_participant_add
from tests.factories import CadreFactory, certificate_templates, make_class, make_course


@pytest.fixture
def templates(db):
    """One nationwide template of every kind."""
    return certificate_templates()


@pytest.fixture
def tot_course(db):
    return make_course(
        "Tập huấn giảng viên điều phối tình nguyện", modules=1, lessons=1, is_tot=True
    )


@pytest.fixture
def class_ld(organizer, tree, tot_course, cadre_ld):
    """A provincial ToT class in Lâm Đồng: `cadre_ld` and two others completed it, one did
    not."""
    training_class = make_class(organizer, tree["lam_dong"], tot_course, title="Lớp TOT Lâm Đồng")
    names = ["Phạm Thị Ánh Tuyết", "Lê Văn Đức", "Hoàng Thị Chưa Xong"]
    cadres = [cadre_ld] + [CadreFactory(unit=tree["commune"], full_name=n) for n in names]
    for cadre in cadres:
        participant = class_participant_add(
            actor=organizer, training_class=training_class, cadre=cadre
        )
        if cadre.full_name != "Hoàng Thị Chưa Xong":
            class_complete_participant(actor=organizer, participant=participant)
    return training_class

"""The "Đánh giá năng lực" menu of the Wagtail admin: question banks, questions and quizzes
for master trainers (group "Giảng viên nguồn"), the competency framework and evaluation
rounds for programme staff (group "Cán bộ chương trình"). Who sees what follows the
groups' model permissions; importing and item analysis also ask the permission helper."""

from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from organizations.text import nfc

from . import views_authoring
from .admin_forms import CompetencyAdminForm, EvaluationRoundAdminForm, QuestionAdminForm
from .models import Competency, EvaluationRound, Question, QuestionBank, Quiz


class QuestionBankIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        questions_url = reverse(Question.snippet_viewset.get_url_name("list"))
        buttons.append(
            MenuItem(
                _("Xem câu hỏi"),
                url=f"{questions_url}?bank={instance.pk}",
                icon_name="list-ul",
                priority=5,
            )
        )
        if views_authoring.may_author(self.request.user):
            buttons += [
                MenuItem(
                    _("Nhập câu hỏi từ bảng tính"),
                    url=reverse("assessments_question_import", args=[instance.pk]),
                    icon_name="upload",
                    priority=6,
                ),
                MenuItem(
                    _("Phân tích câu hỏi"),
                    url=reverse("assessments_bank_analysis", args=[instance.pk]),
                    icon_name="table",
                    priority=7,
                ),
            ]
        return buttons


class QuestionIndexView(IndexView):
    @property
    def search_query(self):
        return nfc(super().search_query)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if views_authoring.may_author(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Tải mẫu bảng tính câu hỏi"),
                    url=reverse("assessments_question_template"),
                    icon_name="download",
                )
            )
        return buttons


class QuizIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if views_authoring.may_author(self.request.user):
            buttons.append(
                MenuItem(
                    _("Phân tích câu hỏi"),
                    url=reverse("assessments_quiz_analysis", args=[instance.pk]),
                    icon_name="table",
                    priority=7,
                )
            )
        return buttons


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    index_view_class = QuestionBankIndexView
    icon = "folder-open-inverse"
    menu_label = _("Ngân hàng câu hỏi")
    list_display = ["title", Column("question_count", label=_("Số câu hỏi"))]
    search_fields = ["title", "description"]
    search_backend_name = None
    panels = [FieldPanel("title"), FieldPanel("description")]

    def get_queryset(self, request):
        return QuestionBank.objects.annotate(question_count=Count("questions"))


class QuestionViewSet(SnippetViewSet):
    model = Question
    index_view_class = QuestionIndexView
    icon = "help"
    menu_label = _("Câu hỏi")
    list_display = ["__str__", "key", "bank", "kind", "competency", "difficulty", "is_active"]
    list_filter = ["bank", "kind", "competency", "difficulty", "is_active"]
    search_fields = ["text", "key"]
    search_backend_name = None
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("bank"), FieldPanel("key")]),
            FieldPanel("kind"),
            FieldPanel("text"),
            InlinePanel(
                "choices",
                label=_("Phương án"),
                help_text=_(
                    "Đánh dấu “đúng” cho phương án đúng. Với câu sắp xếp, xếp các mục theo "
                    "thứ tự đúng; học viên sẽ thấy chúng bị xáo trộn. Câu trả lời ngắn "
                    "không có phương án."
                ),
                panels=[FieldPanel("text"), FieldPanel("is_correct")],
            ),
            FieldRowPanel(
                [FieldPanel("competency"), FieldPanel("difficulty"), FieldPanel("points")]
            ),
            FieldPanel("explanation"),
            FieldPanel("model_answer"),
            FieldPanel("is_active"),
        ],
        base_form_class=QuestionAdminForm,
    )

    def get_queryset(self, request):
        return Question.objects.select_related("bank", "competency")


class QuizViewSet(SnippetViewSet):
    model = Quiz
    index_view_class = QuizIndexView
    icon = "tasks"
    menu_label = _("Bài kiểm tra")
    list_display = ["title", "pass_mark", "time_limit_minutes", "max_attempts", "is_open"]
    list_filter = ["is_open"]
    search_fields = ["title"]
    search_backend_name = None
    panels = [
        FieldPanel("title"),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("max_attempts")]),
                FieldPanel("pass_mark"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("show_correct_answers"),
                FieldPanel("is_open"),
            ],
            heading=_("Cách làm bài"),
        ),
        InlinePanel(
            "rules",
            label=_("Quy tắc chọn câu hỏi"),
            help_text=_(
                "Mỗi quy tắc rút ngẫu nhiên một số câu từ một ngân hàng, có thể chỉ lấy "
                "một năng lực hoặc một độ khó."
            ),
            min_num=1,
            panels=[
                FieldPanel("bank"),
                FieldRowPanel(
                    [FieldPanel("competency"), FieldPanel("difficulty"), FieldPanel("count")]
                ),
            ],
        ),
    ]


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "pick"
    menu_label = _("Khung năng lực")
    list_display = ["name", "code", "order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("order")]),
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel("is_active"),
            InlinePanel("descriptors", label=_("Mô tả các mức năng lực")),
            InlinePanel("required_levels", label=_("Mức yêu cầu theo cấp tổ chức")),
        ],
        base_form_class=CompetencyAdminForm,
    )


class EvaluationRoundViewSet(SnippetViewSet):
    model = EvaluationRound
    icon = "clipboard-list"
    menu_label = _("Đợt đánh giá thực trạng")
    list_display = ["title", "period", "opens_on", "closes_on"]
    search_fields = ["title", "period"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("title"), FieldPanel("period")]),
            FieldPanel("levels"),
            FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
            FieldPanel("instructions"),
            InlinePanel(
                "criteria",
                label=_("Tiêu chí"),
                panels=[
                    FieldRowPanel([FieldPanel("code"), FieldPanel("max_score")]),
                    FieldPanel("title"),
                    FieldPanel("guidance"),
                    FieldPanel("competency"),
                ],
            ),
        ],
        base_form_class=EvaluationRoundAdminForm,
    )


class AssessmentsGroup(SnippetViewSetGroup):
    menu_label = _("Đánh giá năng lực")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        QuestionBankViewSet,
        QuestionViewSet,
        QuizViewSet,
        CompetencyViewSet,
        EvaluationRoundViewSet,
    )


register_snippet(AssessmentsGroup)


@hooks.register("after_create_snippet")
def remember_who_created(request, instance):
    if isinstance(instance, QuestionBank | Quiz) and instance.created_by_id is None:
        type(instance).objects.filter(pk=instance.pk).update(created_by=request.user)


@hooks.register("register_admin_urls")
def register_authoring_urls():
    return [
        path(
            "danh-gia/ngan-hang/<int:pk>/nhap-cau-hoi/",
            views_authoring.QuestionImportView.as_view(),
            name="assessments_question_import",
        ),
        path(
            "danh-gia/mau-nhap-cau-hoi.xlsx",
            views_authoring.question_template,
            name="assessments_question_template",
        ),
        path(
            "danh-gia/ngan-hang/<int:pk>/phan-tich/",
            views_authoring.ItemAnalysisView.as_view(subject=QuestionBank),
            name="assessments_bank_analysis",
        ),
        path(
            "danh-gia/bai-kiem-tra/<int:pk>/phan-tich/",
            views_authoring.ItemAnalysisView.as_view(subject=Quiz),
            name="assessments_quiz_analysis",
        ),
    ]

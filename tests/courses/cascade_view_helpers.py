"""One four-generation cascade across Lâm Đồng and Hà Nội, for the cascade pages.

Master trainer (Lâm Đồng, province) → ToT A: Lan Anh, Hùng (Hà Nội), one more (85 mean)
  Lan Anh → ToT B: Mỹ Linh + one more (65 mean);   Hùng → class C in Hà Nội (70 mean)
    Mỹ Linh → ToT D: Sơn + two more, part-time (45 mean)
      Sơn → class E: two cadres (41 mean)
A second lead of Lâm Đồng, Hằng, trains one of A's participants again and one new cadre.

Generation 2 falls 17.5 points below generation 1 and generation 3 another 22.5: both are
flagged; generation 4 (4 points) is not.
"""

from dataclasses import dataclass

from organizations.models import PostKind
from tests.courses.cascade_helpers import CascadeBuilder, refresh

MASTER = "Phan Văn Khải Nguyên"
LAN_ANH = "Vũ Thị Lan Anh"
HUNG = "Đặng Quốc Hùng"
MY_LINH = "Hà Thị Mỹ Linh"
SON = "Bế Văn Sơn"
HANG = "Lò Thị Hằng"
HN_TRAINEES = ("Ngô Minh Phương", "Trịnh Thu Trang")


@dataclass
class Scenario:
    master: object
    lan_anh: object
    hung: object
    my_linh: object
    son: object
    hang: object
    classes: dict
    builder: CascadeBuilder


def build_cascade(tree, *, compute=refresh) -> Scenario:
    """The cascade above; `compute` brings the stored closure up to date."""
    commune, commune_hn = tree["commune"], tree["commune_hn"]
    b = CascadeBuilder(commune)
    (master,) = b.people(1, unit=tree["lam_dong"], full_name=MASTER)
    (lan_anh,) = b.people(1, full_name=LAN_ANH)
    (hung,) = b.people(1, unit=commune_hn, full_name=HUNG)
    (my_linh,) = b.people(1, full_name=MY_LINH)
    (son,) = b.people(1, full_name=SON, post__kind=PostKind.PART_TIME)
    (hang,) = b.people(1, full_name=HANG)
    other_a = b.people(1)
    other_b = b.people(1)
    part_time = b.people(2, post__kind=PostKind.PART_TIME)
    grassroots = b.people(2)
    hn_trainees = [b.people(1, unit=commune_hn, full_name=n)[0] for n in HN_TRAINEES]
    new_for_hang = b.people(1)
    classes = {
        "A": b.klass([master], [lan_anh, hung, *other_a], start=0, scores=[90, 85, 80]),
        "B": b.klass([lan_anh], [my_linh, *other_b], start=10, scores=[70, 60]),
        "C": b.klass([hung], hn_trainees, start=12, unit=commune_hn, tot=False, scores=[75, 65]),
        "D": b.klass([my_linh], [son, *part_time], start=30, scores=[50, 40, 45]),
        "E": b.klass([son], grassroots, start=40, tot=False, scores=[40, 42]),
        "F": b.klass([hang], [*other_a, *new_for_hang], start=50, tot=False, scores=[88, 92]),
    }
    compute()
    return Scenario(master, lan_anh, hung, my_linh, son, hang, classes, b)

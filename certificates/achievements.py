"""What a certificate attests, named once: the achievement keys the register is unique on."""

from certificates.models import Kind, TrainerLevel
from organizations.models import Level

TRAINER_LEVEL_OF_CLASS = {
    Level.CENTRAL: TrainerLevel.CENTRAL,
    Level.PROVINCE: TrainerLevel.PROVINCIAL,
}


def trainer_level_of(training_class) -> str:
    """The trainer level a ToT class certifies: by the level the class is held at."""
    return TRAINER_LEVEL_OF_CLASS.get(training_class.level, TrainerLevel.GRASSROOTS)


def course_key(course_id: int) -> str:
    return f"course:{course_id}"


def trainer_key(level: str) -> str:
    return f"trainer:{level}"


def class_key(training_class, kind: str) -> str:
    """The achievement a class's bulk issuance of `kind` attests."""
    if kind == Kind.TRAINER:
        return trainer_key(trainer_level_of(training_class))
    return f"class:{training_class.pk}"

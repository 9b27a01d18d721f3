"""What the register tells the apps that build on it (indicators), without knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that issued or revoked certificates, with `since`: the
# earliest issue date among them (figures on and after that date may have changed).
register_changed = Signal()

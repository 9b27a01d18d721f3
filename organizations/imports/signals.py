"""Sent inside the transaction of a committed import, after its bulk writes.

Bulk writes send no post_save, so apps that keep figures in step with cadres, posts or
units (cascade reach, indicators) listen here instead. Arguments: `kind` (the import's
name), `cadre_ids`, `unit_ids` (rows created or changed) and `since` (the earliest date a
change reaches, None for all dates).
"""

from django.dispatch import Signal

import_committed = Signal()

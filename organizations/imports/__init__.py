"""Spreadsheet imports and exports: the generic core and the organizations app's kinds.

Public API: the job services (`import_job_create`, `import_job_validate`,
`import_job_confirm`, `import_job_commit`), the job reads (`import_job_get_for_user`,
`import_jobs_recent`, `import_job_progress`), the kind registry (`ImportKind`, `register`,
`kind_get`), the workbook helpers (`template_bytes`, `export_bytes`), the shared pages
(`import_page`, `template_response`, `export_response`), the cell readers
(`cells`), `resolve_unit_codes` and the `import_committed` signal. Apps above
organizations register their own kinds (courses: class rosters).
"""

from . import cadres, cells, units  # noqa: F401 - the organizations kinds register here
from .jobs import (
    import_job_commit,
    import_job_confirm,
    import_job_create,
    import_job_get_for_user,
    import_job_progress,
    import_job_validate,
    import_jobs_recent,
)
from .reading import Column
from .registry import CREATE, UNCHANGED, UPDATE, Context, ImportKind, Plan, kind_get, register
from .signals import import_committed
from .units_lookup import normalise_code, resolve_unit_codes
from .web import export_response, import_page, template_response
from .workbooks import export_bytes, template_bytes, template_headers

__all__ = [
    "CREATE",
    "UNCHANGED",
    "UPDATE",
    "Column",
    "Context",
    "ImportKind",
    "Plan",
    "cells",
    "export_bytes",
    "export_response",
    "import_committed",
    "import_page",
    "import_job_commit",
    "import_job_confirm",
    "import_job_create",
    "import_job_get_for_user",
    "import_job_progress",
    "import_job_validate",
    "import_jobs_recent",
    "kind_get",
    "normalise_code",
    "register",
    "resolve_unit_codes",
    "template_bytes",
    "template_headers",
    "template_response",
]

"""secor-xl: a SECOR health and safety program kept in one Excel workbook.

Build a master workbook from the schema, and (in later releases) check it,
score its audit readiness and write its documents.
"""

from .errors import UserError
from .schema import SCHEMA_VERSION, schema_dict
from .workbook import BuildOptions, build_workbook
from .workbook.new import create_master

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "BuildOptions",
    "UserError",
    "__version__",
    "build_workbook",
    "create_master",
    "schema_dict",
]

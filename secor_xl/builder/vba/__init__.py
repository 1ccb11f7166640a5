"""The master's VBA project, built on Linux without Office.

`ovba` is the VBA compression ([MS-OVBA] 2.4.1), `cfb` a small compound file
writer ([MS-CFB]), `project` takes the sample module out of xlwings'
standalone project and adds the `SecorButtons` module. `secor_vba_project()`
is what the builder embeds.
"""

from __future__ import annotations

from .project import (
    SECOR_BUTTONS,
    SECOR_MODULE_NAME,
    SECOR_MODULE_SOURCE,
    Button,
    VbaProjectError,
    add_module,
    module_names,
    module_source,
    remove_module,
    secor_vba_project,
)

__all__ = [
    "SECOR_BUTTONS",
    "SECOR_MODULE_NAME",
    "SECOR_MODULE_SOURCE",
    "Button",
    "VbaProjectError",
    "add_module",
    "module_names",
    "module_source",
    "remove_module",
    "secor_vba_project",
]

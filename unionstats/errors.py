"""The one exception family of unionstats.

Every error carries where it happened (file, sheet, cell when they exist) and a Vietnamese
message that tells the user what to do. ``str(error)`` is a single line fit for a terminal
or a findings table.
"""

from __future__ import annotations


class UnionstatsError(Exception):
    """Base class: a problem a user can act on.

    Parameters
    ----------
    message_vi
        What went wrong and what to do about it, in Vietnamese.
    file, sheet, cell
        Where the problem is, when known (cell as an A1 reference).
    code
        A short stable identifier used in ``findings.csv`` (e.g. ``unit_unknown``).
    """

    default_code = "error"

    def __init__(
        self,
        message_vi: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.code = code or self.default_code

    @classmethod
    def of(
        cls,
        code: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        **fields,
    ) -> UnionstatsError:
        """The error of finding code ``code`` (:data:`unionstats.findings.CODES`), message filled in."""
        from unionstats.findings import message

        return cls(
            message(code, sheet=sheet or "", cell=cell or "", **fields),
            file=file,
            sheet=sheet,
            cell=cell,
            code=code,
        )

    def location(self) -> str:
        """Return ``file!sheet!cell`` with the parts that are known."""
        return "!".join(part for part in (self.file, self.sheet, self.cell) if part)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message_vi}" if where else self.message_vi


class InputFileError(UnionstatsError):
    """A submitted file cannot be read or understood; it is quarantined, the batch goes on."""

    default_code = "file_unreadable"


class ReferenceDataError(UnionstatsError):
    """A CSV in ``data/reference`` is missing or malformed."""

    default_code = "reference_invalid"


class StoreError(UnionstatsError):
    """The processed store is missing or cannot be read or written."""

    default_code = "store_invalid"


class UsageError(UnionstatsError):
    """A command was called with arguments it cannot use (exit status 2)."""

    default_code = "usage"


_OS_ERRORS = {
    "ENOSPC": "hết chỗ trống trên đĩa khi ghi {name}: giải phóng dung lượng rồi chạy lại",
    "EDQUOT": "hết hạn mức dung lượng khi ghi {name}: giải phóng dung lượng rồi chạy lại",
    "EACCES": "không có quyền với {name}: chọn thư mục mình có quyền ghi, hoặc nhờ quản trị cấp quyền",
    "EPERM": "không được phép thao tác trên {name}: kiểm tra quyền của thư mục",
    "EROFS": "{name} nằm trên ổ chỉ đọc: chọn thư mục khác",
    "ENAMETOOLONG": "tên tệp quá dài ({name}): đổi tên tệp hoặc thư mục cho ngắn hơn",
    "ENOTDIR": "{name} là một tệp chứ không phải thư mục: chọn một thư mục",
    "EEXIST": "{name} đã có và là một tệp: chọn một thư mục khác",
    "EISDIR": "{name} là một thư mục, không phải tệp",
    "ENOENT": "không tìm thấy {name}",
}


def describe_os_error(error: OSError) -> str:
    """One Vietnamese line for an operating-system error (disk full, no permission…)."""
    import errno

    name = error.filename or "tệp"
    if isinstance(name, str) and len(name) > 80:
        name = "…" + name[-77:]
    template = _OS_ERRORS.get(errno.errorcode.get(error.errno or 0, ""), "")
    if template:
        return template.format(name=name) + "; dữ liệu đã có không bị thay đổi."
    reason = error.strerror or type(error).__name__
    return f"lỗi hệ thống khi thao tác trên {name} ({reason}); dữ liệu đã có không bị thay đổi."


_READ_ERRORS = {
    "ENOENT": "tệp không còn trong thư mục",
    "EACCES": "không có quyền đọc",
    "EPERM": "không có quyền đọc",
    "EIO": "lỗi đọc đĩa",
    "ELOOP": "liên kết vòng",
    "ENAMETOOLONG": "tên quá dài",
}


def describe_read_error(error: OSError) -> str:
    """A few Vietnamese words for why a file or folder could not be read (no file name: the
    caller's message names it)."""
    import errno

    known = _READ_ERRORS.get(errno.errorcode.get(error.errno or 0, ""))
    return known or error.strerror or type(error).__name__

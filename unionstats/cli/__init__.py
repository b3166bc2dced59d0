"""The ``unionstats`` command line (commands and exit codes: README.md).

Each sub-command is a thin wrapper: parse arguments, call the library, print a short
Vietnamese summary. Exit codes, the same for every command: 0 done; 1 ``--strict`` found
errors, or an unexpected bug (one line, no traceback); 2 a problem the user can fix (usage,
reference data, a missing or busy store, the disk), as one Vietnamese line; 3 ``ingest``
quarantined some files (the rest were ingested); 4 the store was written but a file for
Excel is open in another program and was left as it was (``unionstats export`` writes it);
130 stopped by Ctrl-C.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence

from unionstats.cli.answer_commands import (
    cmd_brief,
    cmd_charts,
    cmd_findings,
    cmd_list,
    cmd_reports,
    cmd_source,
    cmd_table,
    cmd_trend,
)
from unionstats.cli.parser import build_parser, resolve_project_folders
from unionstats.cli.project_commands import cmd_init, cmd_setup
from unionstats.cli.store_commands import (
    cmd_export,
    cmd_feedback,
    cmd_ingest,
    cmd_labels,
    cmd_sample,
    cmd_template,
    cmd_validate,
)
from unionstats.console import make_output_safe
from unionstats.errors import UnionstatsError, describe_os_error

COMMANDS = {
    "init": cmd_init,
    "setup": cmd_setup,
    "sample": cmd_sample,
    "ingest": cmd_ingest,
    "validate": cmd_validate,
    "export": cmd_export,
    "feedback": cmd_feedback,
    "labels": cmd_labels,
    "reports": cmd_reports,
    "template": cmd_template,
    "table": cmd_table,
    "trend": cmd_trend,
    "source": cmd_source,
    "findings": cmd_findings,
    "list": cmd_list,
    "charts": cmd_charts,
    "brief": cmd_brief,
}


def _say(message: str) -> None:
    """An error as the one line it must be, whatever line breaks its parts carried."""
    print(" ".join(message.split()), file=sys.stderr)


def _pipe_gone(error: OSError) -> bool:
    """True for the error a write to a pipe whose reader has gone raises: BrokenPipeError on
    POSIX; on Windows, writing to such a pipe fails with EINVAL ("Invalid argument")."""
    return isinstance(error, BrokenPipeError) or (os.name == "nt" and error.errno == errno.EINVAL)


def _output_closed() -> bool:
    """True when the reader of this command's output has gone (``unionstats … | head``); a
    broken pipe to anything else (a reader process) is not that."""
    try:  # a write to a pipe whose reader has gone fails every time; one more line tells
        sys.stdout.write("\n")
        sys.stdout.flush()
    except OSError as error:
        return _pipe_gone(error)
    except ValueError:
        return False
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    make_output_safe()  # before argparse, whose messages are Vietnamese too
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](resolve_project_folders(args))
    except UnionstatsError as error:
        _say(f"Lỗi: {error}")
        return 2
    except OSError as error:  # disk full, no permission, a file where a folder should be
        if _pipe_gone(error) and _output_closed():  # piped into `head`: no error
            sys.stderr.close()
            return 0
        _say(f"Lỗi: {describe_os_error(error)}")
        return 2
    except KeyboardInterrupt:
        _say("Đã dừng theo yêu cầu; kho dữ liệu trước đó vẫn nguyên vẹn.")
        return 130
    except Exception as error:  # a bug: one line, never a traceback, and how to report it
        detail = " ".join(str(error).split())[:200]
        _say(
            f"Lỗi không mong đợi ({type(error).__name__}: {detail}); dữ liệu đã có không bị "
            "thay đổi. Báo cho nhóm phát triển kèm lệnh vừa chạy."
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())

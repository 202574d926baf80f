"""`copc-cx`: the core on the command line, for consultants and anyone scoring many sites.

Each command lives in a module of this package that declares its parser (`add_parser`) and runs
it; optional libraries (openpyxl, icalendar) are imported only by the command that needs them.
Exit status: 0 done (or certified), 1 not certified, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .common import EXIT_BAD_INPUT, EXIT_OK, add_language

# the modules of the commands, in the order `copc-cx --help` lists them
COMMAND_MODULES: tuple[str, ...] = ("new", "score", "convert", "rollup", "plan", "report", "timeline",
                                  "examples")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="copc-cx", description=__doc__.split("\n\n")[0] if __doc__ else None)
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        command = module.add_parser(commands)
        add_language(command)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status = args.run(args)
    except KeyboardInterrupt:
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the output went to a pager or `head` that stopped reading
        sys.stderr.close()
        return EXIT_OK
    assert isinstance(status, int)
    return status


if __name__ == "__main__":
    sys.exit(main())

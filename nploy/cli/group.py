"""The ``nploy`` group and what its commands share: clean errors, a progress bar, comma-separated options."""

from __future__ import annotations

import functools
import os
import sys

import click
from tqdm import tqdm

from nploy import settings
from nploy.dataset import open_dataset
from nploy.errors import NployError


def clean_errors(command):
    """User errors become one line on stderr and exit code 1; no traceback unless NPLOY_DEBUG=1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except NployError as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:  # a path the user gave that cannot be read or written
            raise click.ClickException(f"{error.strerror or error}: {error.filename or ''}".rstrip(": ")) from None
        except Exception as error:  # the last line of defence: still no traceback for a user
            if os.environ.get("NPLOY_DEBUG"):
                raise
            raise click.ClickException(
                f"unexpected error: {type(error).__name__}: {error} (set NPLOY_DEBUG=1 for details)"
            ) from None

    return wrapper


def progress_bar(description: str):
    bar = tqdm(total=0, desc=description, unit="text", file=sys.stderr, disable=None)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return bar, update


def split_values(values: tuple[str, ...]) -> list[str]:
    """Options may repeat or hold comma-separated lists: --skills a,b --skills c."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group()
@click.option(
    "--data-dir",
    envvar="NPLOY_DATA_DIR",
    default=settings.get("data_dir"),
    show_default=True,
    type=click.Path(file_okay=False),
    help="Dataset directory (env NPLOY_DATA_DIR).",
)
@click.version_option(package_name="nploy")
@click.pass_context
def main(ctx: click.Context, data_dir: str) -> None:
    """nploy: explained job matching over a FAISS index of listing embeddings."""
    ctx.obj = open_dataset(data_dir)

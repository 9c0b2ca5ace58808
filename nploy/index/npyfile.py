"""An ``.npy`` file read in pieces with ``pread``, never loaded or memory-mapped.

Why: the serving process reads a few hundred rows of the float16 copies (``kinds.ExactVectors``) and a
query's postings of the lexical leg a query; read this way, those pages sit in the operating system's
page cache, shared and dropped under memory pressure, instead of counting in the process (a memory map's
touched pages do: at a million listings they grew it by 400 MB over a few hundred queries).
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

import numpy as np


class NpyFile:
    def __init__(self, path: Path):
        """Raises OSError or ValueError for a file that is missing or not a whole ``.npy`` array."""
        with open(path, "rb") as handle:
            version = np.lib.format.read_magic(handle)
            header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            self.shape, fortran, self.dtype = header(handle)
            self.offset = handle.tell()
        if fortran:
            raise ValueError("a Fortran-ordered array")
        self.row_shape = tuple(self.shape[1:])
        self.row_bytes = int(np.prod(self.row_shape, dtype="int64")) * self.dtype.itemsize
        if os.path.getsize(path) != self.offset + self.shape[0] * self.row_bytes:
            raise ValueError("the file's size does not match its header (a torn write?)")
        self.fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self.fd)

    def slice(self, start: int, end: int) -> np.ndarray:
        """Rows ``start`` to ``end`` (exclusive), in one read."""
        out = np.empty((max(0, end - start), *self.row_shape), dtype=self.dtype)
        self._read_into(out.reshape(-1).view(np.uint8), self.offset + start * self.row_bytes)
        return out

    def rows(self, positions) -> np.ndarray:
        """The rows at these positions, in their order (one read each)."""
        positions = np.asarray(positions, dtype="int64")
        out = np.empty((len(positions), *self.row_shape), dtype=self.dtype)
        raw = out.reshape(len(positions), -1).view(np.uint8)
        for i, position in enumerate(positions.tolist()):
            self._read_into(raw[i], self.offset + position * self.row_bytes)
        return out

    def _read_into(self, buffer: np.ndarray, offset: int) -> None:
        done = 0
        while done < len(buffer):  # a regular file may still return a short read (a signal, a huge request)
            got = os.preadv(self.fd, [buffer[done:]], offset + done)
            if got <= 0:
                raise OSError(f"unexpected end of file at byte {offset + done}")
            done += got

"""Reports a wheel's installed size and whether its extension is stripped; fails over the limit.

Usage: ``python tools/wheel_report.py dist/newsfacts-*.whl [--max-mb 15]``. The installed size
is the sum of the uncompressed sizes of the wheel's ``newsfacts/`` files (what ``pip install``
puts into site-packages, without ``.dist-info`` and ``__pycache__``).
"""

from __future__ import annotations

import argparse
import struct
import sys
import zipfile


def section_names(elf: bytes) -> list[str]:
    """The section names of a 64-bit little-endian ELF file (from its section header table)."""
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    headers = [struct.unpack_from("<IIQQQQ", elf, shoff + k * shentsize) for k in range(shnum)]
    strtab_off, strtab_size = headers[shstrndx][4], headers[shstrndx][5]
    strtab = elf[strtab_off : strtab_off + strtab_size]
    return [strtab[h[0] : strtab.index(b"\0", h[0])].decode() for h in headers]


def has_debug_sections(elf: bytes) -> bool:
    """Whether an ELF file still has a symbol table or debug information."""
    return any(n == ".symtab" or n.startswith(".debug") for n in section_names(elf))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("wheels", nargs="+")
    p.add_argument("--max-mb", type=float, default=15.0)
    args = p.parse_args()
    failed = False
    for path in args.wheels:
        with zipfile.ZipFile(path) as z:
            infos = [i for i in z.infolist() if i.filename.startswith("newsfacts/")]
            size = sum(i.file_size for i in infos)
            so = [i for i in infos if i.filename.endswith(".so")]
            stripped = all(not has_debug_sections(z.read(i)) for i in so)
        mb = size / 1e6
        ok = mb <= args.max_mb and stripped and so
        failed |= not ok
        verdict = "ok" if ok else "FAILS"
        print(
            f"{path}: installed {mb:.2f} MB ({size / 2**20:.2f} MiB), extension "
            f"{'stripped' if stripped else 'NOT stripped'}: {verdict} (limit {args.max_mb} MB)"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

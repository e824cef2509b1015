"""Command line: ``newsfacts demo`` (summary of the bundled sample) and ``newsfacts extract``.

``newsfacts extract in.jsonl[.gz] -o out.jsonl`` writes one record per article;
``newsfacts extract in.jsonl|in.parquet --out DIR --format parquet|csv|jsonl`` one file per table,
batch by batch (the core's Arrow tables; Parquet through one ``ParquetWriter`` per table), so memory
stays flat however long the input. Parquet input is read one row-group batch at a time.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ._core import __version__
from .api import DEFAULT_STAGES, Extractor
from .errors import InvalidOptionError
from .frames import Frames, aliases_frame, from_pandas
from .input import iso_date
from .sample import load_sample
from .schema import TABLES, arrow_schema


def _demo(args: argparse.Namespace) -> int:
    arts = load_sample()
    ex = Extractor(threads=args.threads)
    ex.extract(arts[:2])  # warm up: builds the resources once
    t0 = time.perf_counter()
    recs = ex.extract(arts)
    dt = time.perf_counter() - t0
    mb = sum(len(a["text"].encode()) for a in arts) / 1e6
    fr = Frames.from_records(recs)
    print(f"newsfacts demo: {len(recs)} sample articles, {mb:.2f} MB of text")
    print(
        f"  extracted in {dt * 1000:.1f} ms: {len(recs) / dt:,.0f} articles/s, {mb / dt:.1f} MB/s "
        f"({ex._core.default_threads()} threads)"
    )
    print(
        f"  entities: {len(fr.entities)} ({dict(Counter(fr.entities['type']))}), "
        f"mentions: {len(fr.mentions)}, "
        f"places: {len(fr.places)}, dates: {len(fr.dates)}, links: {len(fr.links)}, errors: "
        f"{sum(bool(r['errors']) for r in recs)}"
    )
    top = fr.entities.groupby(["key", "type"]).size().sort_values(ascending=False).head(8)
    print("  most frequent entities across the sample:")
    for (key, typ), n in top.items():
        print(f"    {n:3d} articles  {typ:6s} {key.split(':', 1)[1]}")
    seed = recs[0]
    print(f"\nThe reference article ({seed['id']}, published {seed['published']}):")
    for e in seed["entities"][:14]:
        extra = "; ".join(x for x in (", ".join(e["titles"]), e["country"] or "") if x)
        print(f"  {e['id']:4s} {e['type']:6s} {e['name']:32s} x{len(e['mentions'])} {extra}")
    for d in seed["dates"]:
        print(f"  date  {d['text']!r:24s} -> {d['value']}")
    for ln in seed["links"]:
        print(f"  link  {ln['kind']:7s} {ln['text']}")
    for b in seed["boilerplate"]:
        print(f"  boilerplate {b['kind']}: {b['text'][:60]!r}")
    return 0


class InputError(Exception):
    """The input cannot be read (a missing file, a line that is not JSON): one line for the user."""


def _open_input(path: str) -> IO[str] | _ParquetArticles:
    if path == "-":
        return sys.stdin
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, not a JSONL or Parquet file")
    if p.suffix == ".parquet":
        return _ParquetArticles(p)
    if p.suffix == ".gz":
        return gzip.open(p, "rt", encoding="utf-8")
    return open(p, encoding="utf-8")


class _ParquetArticles:
    """The rows of a Parquet file as article dicts, read one row-group batch at a time."""

    def __init__(self, path: Path, batch_size: int = 1024) -> None:
        import pyarrow.parquet as pq

        try:
            self.file = pq.ParquetFile(path)
        except Exception as e:  # pyarrow raises ArrowInvalid (a ValueError) or OSError
            raise InputError(f"{path}: not a readable Parquet file ({e})") from None
        self.batch_size = batch_size

    def __len__(self) -> int:
        return self.file.metadata.num_rows

    def __iter__(self) -> Iterator[dict]:
        for batch in self.file.iter_batches(batch_size=self.batch_size):
            yield from batch.to_pylist()

    def __enter__(self) -> _ParquetArticles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def _read_articles(src: IO[str], name: str, counter: list[int]) -> Iterator[Any]:
    """Articles from JSONL lines (a dict, or a JSON string as the text); counts them in ``counter``."""
    for lineno, line in enumerate(src, 1):
        if not line.strip():
            continue
        try:
            art = json.loads(line)
        except json.JSONDecodeError as e:
            msg = e.msg.removesuffix(" at")
            raise InputError(f"{name}:{lineno}: not valid JSON ({msg} at column {e.colno})") from None
        if not isinstance(art, dict | str):
            raise InputError(
                f"{name}:{lineno}: expected a JSON object with a text field (or a string), "
                f"got {type(art).__name__}"
            )
        counter[0] = lineno
        yield art


class _TableWriter:
    """Appends each batch's tables to one file per table in ``directory``; the ``aliases`` table
    (one row per key and surface form, over all articles) is summed over the batches and written
    when the writer closes."""

    def __init__(self, directory: str, fmt: str) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.writers: dict[str, Any] = {}
        self.started: set[str] = set()
        self.alias_counts: dict[tuple[str, str], int] = {}

    def write(self, tables: dict[str, Any]) -> None:
        """Appends one batch: every table as the core built it (``pyarrow.Table``)."""
        frames = None
        for name, table in tables.items():
            if name == "aliases":
                continue
            if name == "mentions":
                keys, texts = table.column("key").to_pylist(), table.column("text").to_pylist()
                for key, alias in zip(keys, texts, strict=True):
                    self.alias_counts[(key, alias)] = self.alias_counts.get((key, alias), 0) + 1
            path = self.dir / f"{name}.{self.fmt}"
            first = name not in self.started
            if self.fmt == "parquet":
                import pyarrow.parquet as pq

                if name not in self.writers:
                    self.writers[name] = pq.ParquetWriter(path, arrow_schema(name))
                self.writers[name].write_table(table)
            else:
                frames = frames or Frames.from_arrow(tables)
                df = getattr(frames, name)
                if self.fmt == "csv":
                    lists = [c for c, t, _ in TABLES[name] if t == "list<string>"]
                    flat = df.assign(**{c: df[c].map("; ".join) for c in lists})
                    flat.to_csv(path, mode="w" if first else "a", header=first, index=False)
                else:
                    df.to_json(
                        path, orient="records", lines=True, date_format="iso", mode="w" if first else "a"
                    )
            self.started.add(name)

    def _write_aliases(self) -> None:
        """Writes the ``aliases`` table once, summed over every batch."""
        df = aliases_frame(self.alias_counts)
        path = self.dir / f"aliases.{self.fmt}"
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(from_pandas("aliases", df), path)
        elif self.fmt == "csv":
            df.to_csv(path, index=False)
        else:
            df.to_json(path, orient="records", lines=True)
        self.started.add("aliases")

    def close(self) -> list[Path]:
        self._write_aliases()
        for w in self.writers.values():
            w.close()
        return sorted(self.dir / f"{n}.{self.fmt}" for n in self.started)


def _extract(args: argparse.Namespace) -> int:
    include = [x.strip() for x in args.include.split(",") if x.strip()] if args.include else None
    try:
        ex = Extractor(threads=args.threads, include=include)
        options = {"published": args.published, "text": args.text_field, "id": args.id_field}
        iso_date(args.published, option="published")
    except InvalidOptionError as e:
        return _fail(str(e).replace("option `", "option `--"), 2)
    if args.out is None and args.format != "jsonl":
        return _fail(f"--format {args.format} writes one file per table: give --out DIR", 2)
    n_articles, n_failed = 0, 0
    counter = [0]
    with contextlib.ExitStack() as stack:
        try:
            src = stack.enter_context(_open_input(args.input))
        except (InputError, OSError) as e:
            return _fail(str(e) if isinstance(e, InputError) else f"{args.input}: {e.strerror}", 1)
        name = "<stdin>" if args.input == "-" else args.input
        tables = _TableWriter(args.out, args.format) if args.out is not None else None
        out = None
        if tables is None:
            out = (
                stack.enter_context(open(args.output, "w", encoding="utf-8"))
                if args.output != "-"
                else sys.stdout
            )
        progress = not args.quiet and (tables is not None or args.output != "-")
        if tables is not None:  # as nf.frames does: the sentences table needs sentences and text
            stages = include if include is not None else list(DEFAULT_STAGES)
            options["include"] = list(dict.fromkeys([*stages, "sentences", "text"]))
        try:
            arts = src if isinstance(src, _ParquetArticles) else _read_articles(src, name, counter)
            if tables is not None:
                import pyarrow.compute as pc

                for batch in ex.iter_tables(arts, batch_size=args.batch_size, progress=progress, **options):
                    errors = batch["articles"].column("errors")
                    n_articles += len(errors)
                    n_failed += sum(1 for n in pc.list_value_length(errors).to_pylist() if n)
                    tables.write(batch)
            else:
                for batch in ex.iter_extract(arts, batch_size=args.batch_size, progress=progress, **options):
                    n_articles += len(batch)
                    n_failed += sum(bool(r["errors"]) for r in batch)
                    for rec in batch:
                        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        except InputError as e:
            return _fail(str(e), 1)
        except UnicodeDecodeError as e:
            return _fail(f"{name}: line {counter[0] + 1} or after is not UTF-8 ({e.reason})", 1)
        except (OSError, EOFError) as e:
            return _fail(f"{name}: cannot read line {counter[0] + 1} or after ({e})", 1)
        finally:
            if tables is not None:
                tables.close()
    if not args.quiet:
        where = f" into {args.out}/ ({args.format})" if args.out is not None else ""
        print(f"newsfacts: {n_articles} articles{where}, {n_failed} with errors", file=sys.stderr)
    return EXIT_ARTICLE_ERRORS if n_failed else 0


#: Exit status when every record was written but some articles have ``errors``.
EXIT_ARTICLE_ERRORS = 3

_EPILOG = """exit status: 0 every article extracted cleanly; 3 all records written, but some articles
have errors (their records say which); 1 the input could not be read (missing file, bad JSON
line: the message names the line); 2 a bad option."""


def _fail(message: str, code: int) -> int:
    print(f"newsfacts: error: {message}", file=sys.stderr)
    return code


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(
            f"expected a positive whole number, got {value} (leave it out to use all cores)"
        )
    return n


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newsfacts`` command.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status (see ``newsfacts extract --help``).
    """
    p = argparse.ArgumentParser(prog="newsfacts", description=__doc__)
    p.add_argument("--version", action="version", version=f"newsfacts {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("demo", help="extract the bundled sample and print a summary")
    d.add_argument("--threads", type=_positive, default=None)
    d.set_defaults(func=_demo)
    e = sub.add_parser(
        "extract",
        help="JSONL articles in, JSONL records (or one table file per table) out",
        epilog=_EPILOG,
    )
    e.add_argument(
        "input",
        help="JSONL file of articles ({'text': ...} per line; .jsonl.gz too), a Parquet file (.parquet, "
        "one row per article), or - for stdin",
    )
    e.add_argument("-o", "--output", default="-", help="output JSONL of records (default: stdout)")
    e.add_argument("--out", metavar="DIR", help="write one file per table into DIR instead of records")
    e.add_argument(
        "--format",
        choices=("jsonl", "parquet", "csv"),
        default="jsonl",
        help="with --out: the tables' format (default jsonl)",
    )
    e.add_argument("--text-field", default="text", help="key of the article's text (default: text)")
    e.add_argument("--id-field", default="id", help="key of the article's id (default: id; else line order)")
    e.add_argument(
        "--published", default=None, help="reference date (YYYY-MM-DD) for articles without their own"
    )
    e.add_argument(
        "--include", default=None, help="comma-separated stages (entities,places,dates,links,sentences,text)"
    )
    e.add_argument("--threads", type=_positive, default=None, help="threads (default: all cores)")
    e.add_argument("--batch-size", type=_positive, default=1000)
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    e.set_defaults(func=_extract)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

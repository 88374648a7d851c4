"""The events table as the dashboard asks for it: filtered, counted and summarised by DuckDB.

A store is queried where it lies, over the Parquet files of its committed snapshot: the page holds
only what it draws (the mentions of at most ``chart.AGGREGATE_ABOVE`` events, weekly counts beyond
that, a page of the table, one event's sources, one article), never every mention.  A corpus read
into memory is queried the same way, so the dashboard has one path whatever it reads.

The filters' SQL comes from their one declaration (``filters.FILTERS``); a test checks that every
filter keeps the same rows here as :func:`timeline.filters.apply` keeps in pandas.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from timeline import chart
from timeline.events import load_taxonomy
from timeline.filters import FILTERS, Filter, Filters, sql_literal, sql_where, words_sql
from timeline.markup import plotly_text
from timeline.schema import ARROW_STRINGS, COLUMNS, DATE_COLUMNS, ORDER, conform

__all__ = ["Engine"]

CACHED = 64  # query results kept per engine: a rerun that changes nothing asks nothing of DuckDB
SELECTIONS = 3  # text searches whose rows are kept selected (a few hundred thousand rows of a large store each)
# what a selection holds: every column but the quote (the longest; only details and downloads show it)
SELECTED = [name for name in COLUMNS if name not in ("quote", "source_title")]
THREADS = 2
_ORDER_BY = ", ".join(f'"{name}"' for name in ORDER)
# the mention that speaks for an event, as chart.per_event picks it: the most precise, then one whose title names
# the event's kind, then the earliest in the table's order
_BEST = """struct_pack(span := date_end - date,
    unfit := NOT contains(lower(coalesce(title, '')), lower(left(category, 5))), date, date_end, source, "start")"""


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in columns)


def _frame(table: pa.Table) -> pd.DataFrame:
    """A query's result as the events table types it (Arrow-backed strings, nanosecond dates)."""
    frame = table.to_pandas(types_mapper=ARROW_STRINGS.get)
    if set(COLUMNS) <= set(frame.columns):
        return conform(frame)
    for name in DATE_COLUMNS:
        if name in frame:
            frame[name] = frame[name].astype("datetime64[ns]")
    return frame


class Engine:
    """Queries on one events table (a store's snapshot, or a frame) and its articles.

    The rows that pass a text search are selected once, into a table of their own without the quotes
    (``SELECTED``), and every count, summary and page of that view reads the selection: the long text
    columns are scanned once, not once per question.  Other filters are conditions on short columns,
    asked again with each question (a zoom to most of a large store copies nothing).  Thread-safe: the dashboard's
    sessions share one engine per snapshot; each query runs on its own cursor, and results are cached
    (they are never changed by their callers).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, articles: Callable[[str], dict | None]):
        self._con = con
        self._article = articles
        self._cache: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._selections: OrderedDict[Filters, str] = OrderedDict()
        self._selecting = threading.RLock()  # held while a selection is made, read or dropped
        self._made = 0

    # -- opening --------------------------------------------------------------

    @staticmethod
    def _connect() -> duckdb.DuckDBPyConnection:
        # a store's files are read through the system's page cache: DuckDB keeps no copy of its own
        config = {"threads": THREADS, "preserve_insertion_order": True, "enable_external_file_cache": False}
        con = duckdb.connect(config=config)
        con.execute("SET parquet_metadata_cache = true")  # a store's hundreds of part files: footers read once
        return con

    @classmethod
    def of_frame(cls, events: pd.DataFrame, texts: dict | None = None) -> Engine:
        """An engine over an events table in memory (a corpus, uploads); ``texts`` maps a source to its article."""
        con = cls._connect()
        _load(con, "events", events)
        texts = texts or {}
        return cls(con, texts.get)

    @classmethod
    def of_store(
        cls, parts: list[Path], articles: Path, extra: pd.DataFrame | None = None, texts: dict | None = None
    ) -> Engine:
        """An engine over a store's committed Parquet files, with ``extra`` events (this session's uploads)."""
        con = cls._connect()
        files = "[" + ", ".join(sql_literal(str(p)) for p in parts) + "]"
        stored = f"SELECT {_quoted(COLUMNS)} FROM read_parquet({files})" if parts else None
        if extra is not None and not extra.empty:
            _load(con, "extra", extra)
            added = f"SELECT {_quoted(COLUMNS)} FROM extra"
            stored = f"{stored} UNION ALL BY NAME {added}" if stored else added
        if stored is None:
            _load(con, "events", conform([]))
        else:
            con.execute(f"CREATE VIEW events AS {stored}")
        texts = dict(texts or {})
        path = sql_literal(str(articles))

        def article(source: str) -> dict | None:
            if source in texts:
                return texts[source]
            sql = f"SELECT path, title, outlet, url FROM read_parquet({path}) WHERE source = ? LIMIT 1"
            found = con.cursor().execute(sql, [source]).fetchone()
            return dict(zip(("path", "title", "outlet", "url"), found, strict=True)) if found else None

        return cls(con, article)

    # -- queries --------------------------------------------------------------

    def _query(self, sql: str, params: Sequence = ()) -> pa.Table:
        return self._con.cursor().sql(sql, params=list(params) or None).to_arrow_table()

    def _cached(self, key: tuple, compute: Callable[[], object]) -> object:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > CACHED:
                self._cache.popitem(last=False)
        return value

    def _on_shown(self, f: Filters, sql: str, params: Sequence = (), selected: bool = True) -> pa.Table:
        """``sql`` run with ``{shown}`` standing for the rows passing ``f``: the whole table when no filter
        is set, the table's rows under the filters' condition, or (for a text search) their selection,
        made on first use and kept for the SELECTIONS latest searches.  ``selected=False``: the query needs
        columns a selection lacks (the quotes), and reads the table under the filters' condition."""
        if not any(spec.active(f) for spec in FILTERS):
            return self._query(sql.format(shown="events"), params)
        if not (selected and f.text.strip()):  # short columns: the condition is asked again, nothing is copied
            where, values = sql_where(f)
            if "?" in sql:
                assert sql.index("?") > sql.rindex("{shown}"), "the view's parameters come first"
            return self._query(sql.format(shown=f"(SELECT * FROM events WHERE {where})"), [*values, *params])
        with self._selecting:
            name = self._selections.get(f)
            if name is None:
                self._made += 1
                name = f"shown_{self._made}"
                where, values = sql_where(f)
                self._query(f"CREATE TABLE {name} AS SELECT {_quoted(SELECTED)} FROM events WHERE {where}", values)
                self._selections[f] = name
                while len(self._selections) > SELECTIONS:
                    _, old = self._selections.popitem(last=False)
                    self._con.execute(f"DROP TABLE {old}")
            self._selections.move_to_end(f)
            return self._query(sql.format(shown=name), params)

    def article(self, source: str) -> dict | None:
        """An article's path or text, title, outlet and URL (a store's is looked up once, not on every rerun)."""
        return self._cached(("article", source), lambda: self._article(source))

    def total(self) -> int:
        """Mentions in the whole table."""
        return self.count(Filters())[0]

    def count(self, f: Filters) -> tuple[int, int]:
        """Mentions and distinct events that pass ``f``."""

        def compute() -> tuple[int, int]:
            row = self._on_shown(f, "SELECT count(*), count(DISTINCT event_id) FROM {shown}")
            return int(row.column(0)[0].as_py()), int(row.column(1)[0].as_py())

        return self._cached(("count", f), compute)

    def span(self, f: Filters = Filters()) -> tuple[pd.Timestamp, pd.Timestamp]:  # noqa: B008 (frozen)
        """The first day and the last day that the rows passing ``f`` cover."""

        def compute() -> tuple[pd.Timestamp, pd.Timestamp]:
            row = self._on_shown(f, "SELECT min(date), max(date_end) FROM {shown}")
            return pd.Timestamp(row.column(0)[0].as_py()), pd.Timestamp(row.column(1)[0].as_py())

        return self._cached(("span", f), compute)

    def view(self, f: Filters) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The days the chart opens on (:func:`chart.story_view`), or None for all: a period the analyst
        picked is shown whole."""
        if f.start is not None or f.end is not None:
            return None
        return chart.story_view(self.span(f), self.story_span(f))

    def outside(self, f: Filters, view: tuple[pd.Timestamp, pd.Timestamp]) -> int:
        """How many distinct events passing ``f`` lie wholly outside ``view``: what the first view leaves out."""

        def compute() -> int:
            sql = "SELECT count(DISTINCT event_id) FROM {shown} WHERE date_end < ? OR date > ?"
            return self._on_shown(f, sql, [view[0].to_pydatetime(), view[1].to_pydatetime()]).column(0)[0].as_py()

        return self._cached(("outside", f, view), compute)

    def story_span(self, f: Filters = Filters()) -> tuple[pd.Timestamp, pd.Timestamp] | None:  # noqa: B008 (frozen)
        """The first and last day of the key events passing ``f`` dated to the month or finer
        (:func:`chart.story_span`, in the engine)."""

        def compute() -> tuple[pd.Timestamp, pd.Timestamp] | None:
            sql = (
                "SELECT min(date), max(date_end) FROM {shown}"
                " WHERE list_contains(?, category) AND list_contains(?, granularity)"
            )
            row = self._on_shown(f, sql, [list(load_taxonomy().milestones), list(chart.STORY_PRECISIONS)])
            first, last = row.column(0)[0].as_py(), row.column(1)[0].as_py()
            return (pd.Timestamp(first), pd.Timestamp(last)) if first is not None else None

        return self._cached(("story", f), compute)

    def options(self, spec: Filter) -> list[str]:
        """What a choice filter offers, from the whole table."""

        def compute() -> list[str]:
            if not spec.options_sql:
                return []
            return sorted(v for v in self._query(spec.options_sql).column(0).to_pylist() if v is not None)

        return self._cached(("options", spec.key), compute)

    def has_event(self, event_id: str) -> bool:
        rows = self._query("SELECT 1 FROM events WHERE event_id = ? LIMIT 1", [event_id])
        return rows.num_rows > 0

    def rows(
        self,
        f: Filters,
        columns: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        cache: bool = True,
    ) -> pd.DataFrame:
        """The rows passing ``f`` in the table's order: all of them, or a page of ``limit`` rows.

        A download asks with ``cache=False``: the whole table is read for it and not kept."""
        columns = list(columns or COLUMNS)

        def compute() -> pd.DataFrame:
            page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
            sql = f"SELECT {_quoted(columns)} FROM {{shown}} ORDER BY {_ORDER_BY}{page}"
            return _frame(self._on_shown(f, sql, selected=set(columns) <= set(SELECTED)))

        if not cache:
            return compute()
        return self._cached(("rows", f, tuple(columns), limit, offset), compute)

    def event(self, event_id: str, f: Filters = Filters(), limit: int | None = None) -> pd.DataFrame:  # noqa: B008
        """The mentions of one event that pass ``f`` (the first ``limit`` of them)."""
        where, params = sql_where(f)
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        sql = f"SELECT * FROM events WHERE event_id = ? AND {where} ORDER BY {_ORDER_BY}{page}"
        return self._cached(("event", event_id, f, limit), lambda: _frame(self._query(sql, [event_id, *params])))

    def reports(self, event_id: str, f: Filters = Filters()) -> int:  # noqa: B008 (frozen)
        """How many mentions of one event pass ``f``."""
        sql = "SELECT count(*) FROM {shown} WHERE event_id = ?"
        return self._cached(("reports", event_id, f), lambda: self._on_shown(f, sql, [event_id]).column(0)[0].as_py())

    def of_source(self, source: str, columns: Sequence[str] = ("event_id", "start", "end")) -> pd.DataFrame:
        """The mentions of one article, whatever the filters (the reader highlights them all)."""
        sql = f"SELECT {_quoted(columns)} FROM events WHERE source = ? ORDER BY {_ORDER_BY}"
        return self._cached(("source", source, tuple(columns)), lambda: _frame(self._query(sql, [source])))

    def sources(self, f: Filters, limit: int) -> pd.DataFrame:
        """The first ``limit`` articles behind the rows passing ``f``, in the table's order, with their titles."""
        sql = (
            "SELECT s.source, t.source_title FROM (SELECT source, min(date) AS d, min(date_end) AS e FROM {shown} "
            f"GROUP BY source ORDER BY d, e, source LIMIT {int(limit)}) s "
            "LEFT JOIN (SELECT source, any_value(source_title) AS source_title FROM events GROUP BY source) t "
            "USING (source) ORDER BY s.d, s.e, s.source"
        )
        return self._cached(("sources", f, limit), lambda: _frame(self._on_shown(f, sql)))

    def outlets(self, f: Filters) -> list[str]:
        """The outlets behind the rows passing ``f``, for a report's caption."""
        sql = "SELECT DISTINCT outlet FROM {shown} WHERE coalesce(outlet, '') <> '' ORDER BY outlet"
        return self._cached(("outlets", f), lambda: self._on_shown(f, sql).column(0).to_pylist())

    def summaries(self, f: Filters, needle: str = "", limit: int = 300, include: str | None = None) -> pd.DataFrame:
        """One row per event (``event_id``, dates, precision, category, headline) as ``chart.per_event`` picks
        its mention, for the first ``limit`` events passing ``f`` whose headline, title or quote holds ``needle``,
        and the event ``include`` (when it passes ``f``): the event picker of a large table searches instead of
        listing every event."""
        listed = self._cached(("summaries", f, needle, limit), lambda: self._summaries(f, needle, limit))
        if include is None or (listed["event_id"] == include).any():
            return listed
        one = self._cached(("summary", f, include), lambda: self._summarise(f, [include]))
        return pd.concat([one, listed], ignore_index=True) if len(listed) else one

    def _summaries(self, f: Filters, needle: str, limit: int) -> pd.DataFrame:
        if limit <= 0:
            return self._summarise(f, [])
        order = f"GROUP BY event_id ORDER BY min(date), min(date_end), event_id LIMIT {int(limit)}"
        if needle.strip():  # the quotes are searched: in the table itself
            where, params = sql_where(f)
            words, extra = words_sql(needle)
            sql = f"SELECT event_id FROM events WHERE {where} AND ({words}) {order}"
            ids = self._query(sql, [*params, *extra]).column(0).to_pylist()
        else:
            ids = self._on_shown(f, f"SELECT event_id FROM {{shown}} {order}").column(0).to_pylist()
        return self._summarise(f, ids)

    def _summarise(self, f: Filters, ids: list[str]) -> pd.DataFrame:
        sql = f"""
            SELECT event_id, b.date AS date, b.date_end AS date_end, b.granularity AS granularity,
                   b.category AS category, b.headline AS headline FROM (
                SELECT event_id, arg_min(struct_pack(date, date_end, granularity, category, headline), {_BEST}) AS b
                FROM {{shown}} WHERE list_contains(?, event_id) GROUP BY event_id)
            ORDER BY date, event_id"""
        return _frame(self._on_shown(f, sql, [ids]))

    # -- the chart -------------------------------------------------------------

    def _laned(self, lane: str, columns: Sequence[str]) -> str:
        """SQL of the shown rows in lanes (``lane``, NULL for the lanes put together; ``lanes``, how many
        there are), capped as ``chart`` caps them: the busiest MAX_LANES - 1 and the rest together."""
        picked = _quoted(columns)
        if lane == "actor":
            laned = (
                f"SELECT {picked}, unnest(CASE WHEN coalesce(actors, '') = '' THEN ['(no actor named)'] "
                "ELSE string_split(actors, '; ') END) AS lane FROM {shown}"
            )
        else:
            column = "outlet" if lane == "source" else "category"
            laned = f"SELECT {picked}, coalesce(nullif({column}, ''), '(unknown)') AS lane FROM {{shown}}"
        cap = chart.MAX_LANES
        return f"""
            WITH laned AS ({laned}),
            totals AS (SELECT lane, count(DISTINCT event_id) AS n FROM laned GROUP BY lane),
            ranked AS (SELECT lane, row_number() OVER (ORDER BY n DESC, lane) AS r, count(*) OVER () AS lanes
                       FROM totals)
            SELECT CASE WHEN k.lanes <= {cap} OR k.r < {cap} THEN l.lane END AS lane, k.lanes, {picked}
            FROM laned l JOIN ranked k USING (lane)"""

    def _lane_names(self, frame: pd.DataFrame) -> pd.Series:
        """Lane names as the chart draws them (escaped), the lanes put together named as ``chart`` names them."""
        rest = f"(the other {int(frame['lanes'].max()) - chart.MAX_LANES + 1:,})" if len(frame) else ""
        names = {n: plotly_text(n) for n in frame["lane"].dropna().unique()}
        return frame["lane"].map(names).astype(object).where(frame["lane"].notna(), rest)

    def weekly(self, f: Filters, lane: str) -> pd.DataFrame:
        """How many events start each week in each lane (``lane``, ``date``, ``n``): what the chart draws
        when there are too many events to draw one by one."""

        def compute() -> pd.DataFrame:
            sql = f"""
                WITH capped AS ({self._laned(lane, ["event_id", "date"])}),
                firsts AS (SELECT lane, any_value(lanes) AS lanes, event_id, min(date) AS date
                           FROM capped GROUP BY lane, event_id)
                SELECT lane, any_value(lanes) AS lanes, date_trunc('week', date) AS date, count(*) AS n
                FROM firsts GROUP BY lane, date_trunc('week', date) ORDER BY lane, date"""
            counts = _frame(self._on_shown(f, sql))
            return pd.DataFrame({"lane": self._lane_names(counts), "date": counts["date"], "n": counts["n"]})

        return self._cached(("weekly", f, lane), compute)

    def per_event(self, f: Filters, lane: str) -> pd.DataFrame:
        """One row per lane and event as ``chart.per_event`` makes them, summarised here: an event of a large
        archive may have hundreds of thousands of mentions."""

        def compute() -> pd.DataFrame:
            drawn = list(chart.NEEDED)
            sql = f"""
                WITH capped AS ({self._laned(lane, [*drawn, "start"])})
                SELECT lane, any_value(lanes) AS lanes, event_id,
                    arg_min(struct_pack({", ".join(f'"{c}"' for c in drawn if c != "event_id")}), {_BEST}) AS b,
                    count(DISTINCT source) AS n_sources,
                    coalesce(string_agg(DISTINCT nullif(outlet, ''), '; ' ORDER BY nullif(outlet, '')), '')
                        AS sources,
                    coalesce(string_agg(DISTINCT nullif(date_text, ''), ' / ' ORDER BY nullif(date_text, '')),
                             'publication date') AS written
                FROM capped GROUP BY lane, event_id"""
            unpacked = ", ".join(f'b."{c}" AS "{c}"' for c in drawn if c != "event_id")
            table = self._on_shown(
                f, f"SELECT lane, lanes, event_id, {unpacked}, n_sources, sources, written FROM ({sql})"
            )
            data = _frame(table)
            data["lane"] = self._lane_names(data)
            data = data.drop(columns="lanes").sort_values(["date", "event_id", "lane"], kind="stable")
            return data.reset_index(drop=True)

        return self._cached(("per_event", f, lane), compute)

    def milestone_candidates(self, f: Filters, limit: int = chart.MAX_LABELS) -> pd.DataFrame:
        """The events that may earn a label, one row each as ``chart.per_event`` summarises them: the
        ``limit`` most reported of each milestone category (``chart.choose_milestones`` picks among them)."""

        def compute() -> pd.DataFrame:
            sql = f"""
                WITH m AS (SELECT * FROM {{shown}} WHERE list_contains(?, category)),
                reach AS (SELECT event_id, any_value(category) AS category, count(DISTINCT source) AS n,
                                 min(date) AS first FROM m GROUP BY event_id),
                top AS (SELECT event_id, n FROM reach
                        QUALIFY row_number() OVER (PARTITION BY category ORDER BY n DESC, first, event_id) <= {limit}),
                best AS (
                    SELECT event_id, any_value(t.n) AS n_sources,
                        arg_min(struct_pack(date, date_end, granularity, headline, category), {_BEST}) AS b
                    FROM m JOIN top t USING (event_id) GROUP BY event_id)
                SELECT event_id, b.date AS date, b.date_end AS date_end, b.granularity AS granularity,
                       b.headline AS headline, b.category AS category, n_sources
                FROM best ORDER BY date, event_id"""
            return _frame(self._on_shown(f, sql, [list(load_taxonomy().milestones)]))

        return self._cached(("milestones", f, limit), compute)

    def figure(self, f: Filters, lane: str, title: str = "") -> go.Figure:
        """The chart of the rows passing ``f``: each event when there are few enough, weekly counts beyond.

        The same view gives the same figure object (Streamlit keeps a chart's zoom while its figure is
        unchanged)."""

        def compute() -> go.Figure:
            _, events = self.count(f)
            bounds = self.span(f)
            view = self.view(f)
            chosen = chart.choose_milestones(self.milestone_candidates(f))
            if events <= chart.AGGREGATE_ABOVE:
                return chart.events_figure(self.per_event(f, lane), chosen, bounds, lane, title=title, view=view)
            return chart.density_figure(self.weekly(f, lane), events, chosen, bounds, title=title, view=view)

        return self._cached(("figure", f, lane, title), compute)


def _load(con: duckdb.DuckDBPyConnection, name: str, events: pd.DataFrame) -> None:
    """An events table in memory becomes a DuckDB table (seen by every cursor, unlike a registered frame)."""
    con.register("_frame", pa.Table.from_pandas(conform(events), preserve_index=False))
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM _frame")
    con.unregister("_frame")

"""Match free-text job titles to Canada's National Occupational
Classification (NOC), over the same Rust core as the ``noc`` command.

Data comes, in this order, from ``data=`` (or the ``NOC_DATA_DIR``
variable), the data installed with ``noc data fetch`` / ``noc data
import`` (the newest version, or ``version=``), or the embedded default
(NOC 2011 unit group 4212). The parsed data and the matcher index are
cached exactly as the CLI caches them (``NOC_HOME``, else the platform's
cache folder), so a load after the first takes milliseconds.

Results are plain dicts and lists with the field names of the CLI's JSON
(``noc match --json``, ``noc show --json``)::

    >>> import noc
    >>> m = noc.Matcher()
    >>> best = m.match("Sr. Youth Worker (PT) - Toronto")[0]
    >>> best["code"], best["confidence"]
    ('4212', 'high')

Errors are :class:`NocError` (a code not found: :class:`NotFound`) with
the CLI's messages; problems that do not stop a load (bad rows, a damaged
cache that is rebuilt) are :class:`NocWarning` warnings.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union

from noc import _noc
from noc._noc import NocError, NocWarning, NotFound

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover - the stubs carry the exact types
    from typing import TypedDict

    NotRequired = Optional

if TYPE_CHECKING:  # only for annotations: importing noc needs neither
    import pandas
    import polars

__all__ = [
    "Candidate",
    "CandidateDict",
    "CheckReport",
    "Classification",
    "Conversion",
    "Match",
    "Matcher",
    "NocError",
    "NocWarning",
    "NotFound",
    "Profile",
    "__version__",
    "check",
    "convert",
    "load",
    "match_series",
    "shared_matcher",
]

__version__: str = _noc.__version__

#: The least score of the best candidate by default (as ``noc match``).
DEFAULT_MIN_SCORE: float = round(_noc.DEFAULT_MIN_SCORE, 6)

PathLike = Union[str, "os.PathLike[str]"]


#: One ranked unit group (``noc._noc.Candidate``), read lazily: its
#: fields are those of an object of ``noc match --json`` (``code``,
#: ``title``, ``version``, ``teer``, ``score``, ``confidence``,
#: ``matched_title``, ``matched_lang``, ``matched_source``,
#: ``excluded_from``, ``in_data``, ``profile_fit``, ``explanation``), by
#: attribute (``c.code``) or key (``c["code"]``); ``to_dict()`` gives the
#: JSON object, and a candidate equals that dict.
Candidate = _noc.Candidate


class CandidateDict(TypedDict):
    """A candidate as plain data (``Candidate.to_dict()``, the
    ``candidates`` of :meth:`Matcher.match_result`). Keys marked
    NotRequired are left out when they do not apply, as in the JSON."""

    code: str
    title: str
    version: str
    teer: NotRequired[int]
    skill_type: NotRequired[int]
    skill_level: NotRequired[str]
    score: float
    confidence: str
    matched_title: str
    matched_lang: str
    matched_source: str
    excluded_from: NotRequired[str]
    in_data: bool
    profile_fit: float
    explanation: NotRequired[Dict[str, Any]]
    duties: NotRequired[Dict[str, Any]]


class Match(TypedDict):
    """The result for one title: the query, the language it was read as
    and the candidates, best first (empty when nothing scored enough)."""

    query: str
    lang: NotRequired[str]
    candidates: List[CandidateDict]


#: A class's profile as ``noc show --json`` prints it (code, level,
#: title, lead statement, example titles, all titles, exclusions, main
#: duties ...; text fields are ``{"en": ..., "fr": ..., "zh": ...}``).
Profile = Dict[str, Any]

#: A reference letter's check as ``noc check CODE --duties FILE --json``
#: prints it: ``code``, ``title``, ``version``, ``client_title``,
#: ``verdict`` (``strong``, ``partial``, ``weak``), ``coverage``,
#: ``lead_statement``, ``main_duties``, ``client_duties``, ``copied``,
#: ``classified_elsewhere`` and ``better_fits``.
CheckReport = Dict[str, Any]

#: Duties: free text (one duty per line, bullets, numbered lines or
#: sentences, as a ``--duties`` file) or a list of duty statements.
Duties = Union[str, Iterable[str]]


def _duty_text(duties: "Duties") -> str:
    """Duties as the text of a ``--duties`` file."""
    if isinstance(duties, str):
        return duties
    return "\n".join(duties)


#: A code's conversion as the ``conversion`` object of ``noc convert
#: --json``: ``from``, ``from_version``, ``from_title``, ``to_version``,
#: ``relation`` and ``targets``.
Conversion = Dict[str, Any]


def _env(name: str) -> Optional[str]:
    value = os.environ.get(name)
    return value if value else None


def _data_args(data: Optional[PathLike], store: Optional[PathLike]):
    """``data=`` or ``NOC_DATA_DIR``, and who named it; ``store=`` or
    ``NOC_STORE``: the CLI's flags and variables."""
    if data is not None:
        data, by = os.fspath(data), "data="
    elif _env("NOC_DATA_DIR"):
        data, by = _env("NOC_DATA_DIR"), "NOC_DATA_DIR"
    else:
        by = "data="
    if store is not None:
        store = os.fspath(store)
    else:
        store = _env("NOC_STORE")
    return data, by, store


def load(
    data: Optional[PathLike] = None,
    version: Optional[int] = None,
    *,
    store: Optional[PathLike] = None,
    cache: bool = True,
) -> "Classification":
    """Loads one version of the NOC.

    ``data`` is a folder of official Statistics Canada CSV files (any
    version) or of profile files; without it, ``NOC_DATA_DIR``, else the
    installed data (``version`` picks one of the installed versions: 2011,
    2016 or 2021), else the embedded default. ``store`` is the folder of
    installed data (default: ``NOC_STORE``, ``$NOC_HOME/data`` or the
    platform's data folder). ``cache=False`` neither reads nor writes the
    cache.

    Raises :class:`NocError` when the data cannot be loaded.
    """
    data, by, store = _data_args(data, store)
    return Classification(_noc.load(data, by, version, store, cache))


class Classification:
    """One version of the NOC: its classes and their profiles. Made by
    :func:`load`."""

    def __init__(self, inner: "_noc.Classification") -> None:
        self._inner = inner

    @property
    def version(self) -> int:
        """The NOC version: 2011, 2016 or 2021."""
        return self._inner.version

    @property
    def source(self) -> str:
        """Where the data came from, as ``noc data status`` says it."""
        return self._inner.source

    @property
    def path(self) -> Optional[str]:
        """The data folder or file; None for the embedded default."""
        return self._inner.path

    def __len__(self) -> int:
        return len(self._inner)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._inner

    def __repr__(self) -> str:
        return f"<noc.Classification NOC {self.version} from {self.source}>"

    def codes(self, level: Optional[str] = None) -> List[str]:
        """The codes of all classes in order, or of one level: ``broad``,
        ``major``, ``sub-major``, ``minor`` or ``unit``."""
        return self._inner.codes(level)

    def show(self, code: str) -> Profile:
        """The profile of one class, as ``noc show CODE --json``.

        Raises :class:`NotFound` when the code is not in the data.
        """
        return json.loads(self._inner.show_json(code))

    def matcher(
        self,
        *,
        top: int = 5,
        min_score: float = DEFAULT_MIN_SCORE,
        lang: Optional[str] = None,
    ) -> "Matcher":
        """A :class:`Matcher` over this data (its index comes from the
        cache, or is built and cached)."""
        return Matcher._wrap(self._inner.matcher(), top, min_score, lang)

    def convert(self, code: str, from_: int = 2016) -> Conversion:
        """:func:`convert`, with the concordance found beside this data
        when none is installed."""
        return convert(code, from_, data=self.path)

    def check(
        self,
        code: str,
        duties: Duties,
        title: Optional[str] = None,
        lang: Optional[str] = None,
    ) -> CheckReport:
        """Checks a reference letter's duties against unit group ``code``,
        as ``noc check CODE --duties FILE [--title T] [--lang L] --json``:
        which main duties of the profile the letter covers, which of its
        duties the profile explains, a verdict, near-copies, and codes
        that fit the duties better. ``duties`` is free text (as a duties
        file) or a list of duty statements.

        Raises :class:`NotFound` for a code not in the data and
        :class:`NocError` (the CLI's messages) for a code that is not a
        unit group or has no main duties, or for no duty given.
        """
        return json.loads(
            self._inner.check_json(code, _duty_text(duties), title, lang)
        )


class Matcher:
    """Matches job titles to ranked NOC unit groups.

    ``data``, ``version``, ``store`` and ``cache`` choose the data as in
    :func:`load`; ``top``, ``min_score`` and ``lang`` are the defaults of
    each call (as ``noc match --top --min-score --lang``). A matcher is
    immutable: share one between threads.
    """

    def __init__(
        self,
        data: Optional[PathLike] = None,
        version: Optional[int] = None,
        *,
        top: int = 5,
        min_score: float = DEFAULT_MIN_SCORE,
        lang: Optional[str] = None,
        store: Optional[PathLike] = None,
        cache: bool = True,
    ) -> None:
        data, by, store = _data_args(data, store)
        inner = _noc.matcher(data, by, version, store, cache)
        self._init(inner, top, min_score, lang)

    @classmethod
    def _wrap(cls, inner, top, min_score, lang) -> "Matcher":
        m = cls.__new__(cls)
        m._init(inner, top, min_score, lang)
        return m

    def _init(self, inner, top, min_score, lang) -> None:
        self._inner = inner
        self.top = top
        self.min_score = min_score
        self.lang = lang

    @property
    def version(self) -> int:
        """The NOC version of the index."""
        return self._inner.version

    @property
    def source(self) -> str:
        """Where the data came from."""
        return self._inner.source

    def __repr__(self) -> str:
        return f"<noc.Matcher NOC {self.version} from {self.source}>"

    def _settings(self, top, min_score, lang):
        return (
            self.top if top is None else top,
            self.min_score if min_score is None else min_score,
            self.lang if lang is None else lang,
        )

    def match_result(
        self,
        title: str,
        top: Optional[int] = None,
        lang: Optional[str] = None,
        *,
        min_score: Optional[float] = None,
        explain: bool = False,
        duties: Optional[Duties] = None,
    ) -> Match:
        """The whole result for one title: ``query``, ``lang`` and
        ``candidates``, as a line of ``noc match --json`` (less ``line``);
        with ``duties``, as ``noc match TITLE --duties FILE --json``.
        """
        _expect_str(title, "title")
        top, min_score, lang = self._settings(top, min_score, lang)
        text = None if duties is None else _duty_text(duties)
        return json.loads(
            self._inner.match_json(title, top, min_score, lang, explain, text)
        )

    def match(
        self,
        title: str,
        top: Optional[int] = None,
        lang: Optional[str] = None,
        *,
        min_score: Optional[float] = None,
        explain: bool = False,
        duties: Optional[Duties] = None,
    ) -> List[Candidate]:
        """The candidates for one title, best first; empty when even the
        best scores below ``min_score``. ``lang`` is ``"en"``, ``"fr"``,
        ``"zh"`` or None to detect it; ``explain=True`` adds each
        candidate's ``explanation`` (the evidence of ``--explain``).

        ``duties`` (free text as a ``--duties`` file, or a list of duty
        statements) ranks the title and its duties together, as ``noc
        match TITLE --duties FILE``; candidates then carry ``duties``,
        the duty evidence. Raises :class:`NocError` when no duty can be
        read from them.

        A title with nothing to match (empty, or without a letter or
        digit) gets no candidates and a :class:`NocWarning`."""
        _expect_str(title, "title")
        if duties is not None:
            if not isinstance(duties, str):
                duties = _duty_text(duties)
            if not duties.strip():
                # As a duties file without a duty, not as a lone title.
                self._inner.match_json(title, 1, 0.0, None, False, duties)
        return self._match_many(
            [title],
            top,
            lang,
            min_score,
            explain,
            1,
            None if duties is None else [duties],
            "title",
        )[0]

    def match_many(
        self,
        titles: Iterable[str],
        top: Optional[int] = None,
        lang: Optional[str] = None,
        *,
        min_score: Optional[float] = None,
        explain: bool = False,
        threads: Optional[int] = None,
        duties: Optional[Iterable[Optional[Duties]]] = None,
    ) -> List[List[Candidate]]:
        """:meth:`match` for many titles: one list of candidates per
        title, in order, matched on ``threads`` threads (default: every
        core) with the GIL released.

        ``duties``, parallel to ``titles``, gives each title's duties
        (text or a list of statements; None or blank: the title alone),
        as :meth:`match`'s ``duties``.

        Bad rows (a title that is empty or has no letter or digit, and no
        duties) get an empty list, and one :class:`NocWarning` names
        them, as ``noc match --input`` reports bad rows and codes the
        rest."""
        return self._match_many(
            titles, top, lang, min_score, explain, threads, duties, "titles"
        )

    def _match_many(
        self, titles, top, lang, min_score, explain, threads, duties, name
    ) -> List[List[Candidate]]:
        top, min_score, lang = self._settings(top, min_score, lang)
        if isinstance(titles, str):
            raise TypeError(
                f"{name} must be a list (or iterable) of strings, not one string"
            )
        titles = titles if isinstance(titles, list) else list(titles)
        texts = None
        if duties is not None:
            texts = [
                None if _missing(d) else _duty_text(d)  # type: ignore[arg-type]
                for d in duties
            ]
        try:
            return self._inner.match_many(
                titles, top, min_score, lang, explain, threads, texts, name
            )
        except TypeError:
            # Name the item that is not a string (PyO3 names only the
            # argument).
            for i, t in enumerate(titles):
                where = name if name == "title" else f"{name}[{i}]"
                _expect_str(t, where)
            raise


_SHARED: Dict[tuple, Matcher] = {}
_SHARED_LOCK = threading.Lock()


def shared_matcher(
    data: Optional[PathLike] = None, version: Optional[int] = None
) -> Matcher:
    """One :class:`Matcher` per process for ``data`` and ``version``,
    loaded on the first call and kept: for functions that a cluster runs
    many times in the same worker (PySpark's ``mapInPandas``, Dask's
    ``map_partitions``), so each worker loads the index once."""
    key = (None if data is None else os.fspath(data), version)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = Matcher(data, version)
        return _SHARED[key]


def _expect_str(value: object, name: str) -> None:
    """Raises the TypeError of a title that is not a string."""
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a string (a job title), not {type(value).__name__}"
        )


def _missing(value: object) -> bool:
    """None, NaN, pandas' NA or NaT."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return type(value).__name__ in ("NAType", "NaTType")


#: The columns of :func:`match_series`, in order.
SERIES_COLUMNS = (
    "query",
    "lang",
    "code",
    "title",
    "score",
    "confidence",
    "matched_title",
    "matched_lang",
    "others",
)


def match_series(
    series: Union["pandas.Series", "polars.Series"],
    matcher: Optional[Matcher] = None,
    *,
    top: Optional[int] = None,
    lang: Optional[str] = None,
    min_score: Optional[float] = None,
    threads: Optional[int] = None,
) -> Union["pandas.DataFrame", "polars.DataFrame"]:
    """Matches a pandas or Polars Series of titles; returns a frame of the
    same library with one row per input, in order, nothing dropped.

    Columns (as ``noc match --format csv``): ``query``, ``lang``, and the
    best candidate's ``code``, ``title``, ``score``, ``confidence``,
    ``matched_title``, ``matched_lang``, then ``others``, the other
    candidates as ``code:score;...``. A missing title (None, NaN) or one
    without a match gets a row whose candidate columns are null. A pandas
    result keeps the Series' index. ``matcher`` defaults to
    ``Matcher()`` (the installed data).
    """
    kind = type(series).__module__.split(".")[0]
    if kind not in ("pandas", "polars"):
        raise TypeError(
            f"match_series needs a pandas or polars Series, not "
            f"{type(series).__name__}"
        )
    if matcher is None:
        matcher = Matcher()
    values = series.to_list()
    titles = ["" if _missing(v) else str(v) for v in values]
    top, min_score, lang = matcher._settings(top, min_score, lang)
    best = matcher._inner.best_columns(titles, top, min_score, lang, threads)
    columns: Dict[str, list] = {
        "query": [None if _missing(v) else t for v, t in zip(values, titles)]
    }
    columns.update(zip(SERIES_COLUMNS[1:], best))
    if kind == "pandas":
        import pandas as pd

        frame = pd.DataFrame(columns, index=series.index)
        frame["score"] = frame["score"].astype("float64")
        return frame
    import polars as pl

    schema = {c: pl.Utf8 for c in SERIES_COLUMNS}
    schema["score"] = pl.Float64
    return pl.DataFrame(columns, schema=schema)


def check(
    code: str,
    duties: Duties,
    title: Optional[str] = None,
    lang: Optional[str] = None,
    *,
    data: Optional[PathLike] = None,
    version: Optional[int] = None,
    store: Optional[PathLike] = None,
) -> CheckReport:
    """:meth:`Classification.check` on the data ``data``/``version``
    would load (as ``noc check CODE --duties FILE --json``)."""
    return load(data, version, store=store).check(code, duties, title, lang)


def convert(
    code: str,
    from_: int = 2016,
    *,
    concordance: Optional[PathLike] = None,
    data: Optional[PathLike] = None,
    store: Optional[PathLike] = None,
) -> Conversion:
    """The NOC 2021 groups of a NOC 2016 (or, with ``from_=2011``, 2011)
    unit group, from Statistics Canada's concordance, as ``noc convert
    CODE --json`` gives them: the relation (one-to-one, split, merged) and
    each target with its types of change and note.

    The concordance is ``concordance``, else the installed one, else the
    file in the ``data`` folder, its parent, or their ``concordance/``
    sub-folders. Raises :class:`NotFound` for a code not in it.
    """
    if store is None:
        store = _env("NOC_STORE")
    text = _noc.convert_json(
        code,
        from_,
        None if concordance is None else os.fspath(concordance),
        None if data is None else os.fspath(data),
        None if store is None else os.fspath(store),
    )
    return json.loads(text)

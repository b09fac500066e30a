"""Stubs of the native module ``noc._noc``. Use the typed API of ``noc``
itself; this module only moves JSON text between Python and Rust."""

from typing import Any, Dict, List, Optional, Tuple

__version__: str
DEFAULT_MIN_SCORE: float

class NocError(Exception):
    """An error of the noc library, with the same message as the CLI's."""

class NotFound(NocError):
    """A code that is not in the loaded data or the concordance."""

class NocWarning(UserWarning):
    """A problem that did not stop a load."""

class Classification:
    @property
    def version(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def path(self) -> Optional[str]: ...
    def __len__(self) -> int: ...
    def __contains__(self, code: str) -> bool: ...
    def codes(self, level: Optional[str] = None) -> List[str]: ...
    def show_json(self, code: str) -> str: ...
    def matcher(self) -> Matcher: ...
    def check_json(
        self,
        code: str,
        duties: str,
        title: Optional[str],
        lang: Optional[str],
    ) -> str: ...

class Matcher:
    @property
    def version(self) -> int: ...
    @property
    def source(self) -> str: ...
    def match_json(
        self,
        title: str,
        top: int,
        min_score: float,
        lang: Optional[str],
        explain: bool,
        duties: Optional[str] = None,
    ) -> str: ...
    def match_many(
        self,
        titles: List[str],
        top: int,
        min_score: float,
        lang: Optional[str],
        explain: bool,
        threads: Optional[int],
        duties: Optional[List[Optional[str]]] = None,
        name: str = "titles",
    ) -> List[List[Candidate]]: ...
    def best_columns(
        self,
        titles: List[str],
        top: int,
        min_score: float,
        lang: Optional[str],
        threads: Optional[int],
    ) -> Tuple[
        List[Optional[str]],
        List[Optional[str]],
        List[Optional[str]],
        List[Optional[float]],
        List[Optional[str]],
        List[Optional[str]],
        List[Optional[str]],
        List[Optional[str]],
    ]: ...

class Candidate:
    """One ranked unit group, read lazily: the fields of an object of
    ``noc match --json``, by attribute or key. Fields that do not apply
    (``teer`` before NOC 2021, ``excluded_from``, ``explanation``) are
    left out, as in the JSON: use ``get``."""

    code: str
    title: str
    version: str
    teer: int
    skill_type: int
    skill_level: str
    score: float
    confidence: str
    matched_title: str
    matched_lang: str
    matched_source: str
    excluded_from: str
    in_data: bool
    profile_fit: float
    explanation: Dict[str, Any]
    duties: Dict[str, Any]
    def __getattr__(self, name: str) -> Any: ...
    def __getitem__(self, key: str) -> Any: ...
    def __contains__(self, key: str) -> bool: ...
    def get(self, key: str, default: Any = None) -> Any: ...
    def keys(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...

def load(
    data: Optional[str],
    by: str,
    version: Optional[int],
    store: Optional[str],
    cache: bool,
) -> Classification: ...
def matcher(
    data: Optional[str],
    by: str,
    version: Optional[int],
    store: Optional[str],
    cache: bool,
) -> Matcher: ...
def convert_json(
    code: str,
    from_year: int,
    concordance: Optional[str],
    data: Optional[str],
    store: Optional[str],
) -> str: ...

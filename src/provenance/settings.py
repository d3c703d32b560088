"""The tuning constants, in one place, each derived from the setting it depends on.

Parsing memory is set by one number, `PARSE_PIECE_CHARS`: about the longest text
handed to spaCy at once (a long document goes through in pieces, each released
once its records are out). The batch of pieces in flight and the work sent to a worker
process follow from it, so changing the memory budget is one edit.
"""

from __future__ import annotations

# --- parsing: memory grows with the characters spaCy holds at once
PARSE_PIECE_CHARS = 32_000  # a longer text is parsed in pieces of about this size, cut at paragraph breaks
PARSE_CONTEXT_CHARS = 1_000  # each piece is parsed after this much of the text before it (pronouns, running quotes)
PARSE_BATCH_CHARS = 4 * PARSE_PIECE_CHARS  # characters `nlp.pipe` parses together (~4 KB of memory per character)
PIECES_PER_TASK = 4  # documents or pieces a worker process parses per task (amortizes pickling)
TASKS_IN_FLIGHT_PER_JOB = 2  # tasks queued per worker: enough to keep it busy, few enough to bound memory

# --- reading: compressed input is inflated only this far (a 1 MB .gz may inflate to gigabytes)
INFLATED_LIMIT = 100 * 1024 * 1024  # bytes of a .gz file, a WARC record or a DOCX's parts once inflated

# --- linking: candidate pairs come from blocking keys; the cost is the sum of squared posting lengths
BLOCKING_KEYS_PER_STATEMENT = 6  # rarest stems (and as many stem pairs) a statement is blocked on
MAX_POSTING = 16  # a key held by at most this many statements pairs them all
POPULAR_KEY_READERS = 8  # a longer key pairs each holder with its first few holders only (linear work)
CLUSTER_READS = 2  # members of one cluster of sure pairs a statement is scored against (one can be an outlier)
NAMES_MIN_STATEMENTS = 3  # statements an article needs before the names it never mentions tell incidents apart
INCIDENT_FRAME = 0.5  # headline words (names aside) two reports share when they frame one kind of incident alike
FIGURE_DRIFT_CLAIM = 0.25  # a claim's figures may differ this much in one story and still be its drift (300 / 350)
FIGURE_DRIFT = 0.1  # values of one figure across outlets differ by at most this share (156 vs 158 countries)
VERBATIM_RATIO = 0.9  # character similarity at or above which a version is a verbatim copy

# --- sources: when a document counts as a copy of another
COPY_MIN_SHARE = 0.5  # share of a document's claims that must reproduce the other document
COPY_MIN_CLAIMS = 3  # and at least this many

# --- stories: documents grouped by the event they report
STORY_TERMS = 300  # the most telling words kept per document (ECB+ leave-one-topic-out stories 0.898; 0.883 with 200)
# two stories join while the mean cosine between a document of one and one of the other reaches this (average
# linkage; chosen by leave-one-topic-out CV over the ECB+ dev topics, eval/stories_cv.py)
STORY_SIMILARITY = 0.18
CROSS_STORY_MIN_STEMS = 8  # content words a statement needs to link across stories (verbatim only)
WITHIN_STORY_MARGIN = 0.1  # how far below the pair model's threshold a paraphrase may be within one story
# (0.15 before names became blocking keys: more candidates, so plain paraphrases are held a little tighter)
SAME_NAMES_MARGIN = 0.15  # and how much further when both versions name the same two people, places or figures

# --- the user's parse cache (commands given PATHs): the documents it keeps, least recently used out past this
CACHE_DOCUMENTS = 20_000

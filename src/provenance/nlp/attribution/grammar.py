"""The dependency labels and marks every attribution stage reads."""

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OPENING_MARKS = ("“", "‘", "``")  # marks that open a quote: a cue right after one precedes its quote

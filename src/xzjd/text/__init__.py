"""Text utilities beneath every stage: line positions, strict JSON, escaping of output cells;
and the indexes of the lazy sequences (:mod:`~xzjd.text.indexes`)."""

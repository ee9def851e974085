"""Text utilities beneath every stage: line positions, strict JSON, escaping of output cells."""

"""Stage 5, states to what people read: tables, CSV, JSON, agendas, iCalendar, explanations,
written through checked streams."""

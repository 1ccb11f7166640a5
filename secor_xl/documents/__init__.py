"""Word documents: what each says (context), a sandboxed render, the chart, lint, write."""

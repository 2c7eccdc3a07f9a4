"""The one decision mechanism: a kind adapter per verifiable kind (`kinds`), the shared service (`service`) and the
e-mailed links (`links`). See docs/verification.md."""

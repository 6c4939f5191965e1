"""The privacy pages, one module per thing: exports, erasures, retention."""

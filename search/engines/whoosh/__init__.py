"""The Whoosh engine, read side: plans run with numpy over Whoosh's posting lists."""

"""Quality gates for fuzzy stages: scorers over labelled corpora, with floors pinned in bench/floors.json."""

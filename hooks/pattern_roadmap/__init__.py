"""Pattern Roadmap's build code, below hooks/main.py (MkDocs events) and hooks/cli.py (command line).

Imports run one way, top to bottom (pyproject.toml's import contracts, checked by `make test`):

    render/ postbuild/   pages and their pieces; what runs on the built site
    engine/              planning, scheduling and the words of a plan; the generator's data format
    domain/              the checked aggregates: catalog graph, generator rules, roadmaps, guides
    schema/ data/        pydantic models of every YAML family; reading YAML into records or Problems

Nothing here imports MkDocs or Material.
"""

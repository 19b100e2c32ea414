"""The garbage collector while the server starts (app/server/collector.py)."""

from __future__ import annotations

import gc

from app.server import cli, collector, seed


def test_a_command_runs_with_the_collector_paused_and_gives_it_back(tmp_path, monkeypatch):
    collecting_while_seeding = []
    seed_demo = seed.seed_demo

    def seeding(*args, **kwargs):
        collecting_while_seeding.append(gc.isenabled())
        return seed_demo(*args, **kwargs)

    monkeypatch.setattr(seed, "seed_demo", seeding)
    assert cli.main(["seed-demo", "--db", str(tmp_path / "seed.db"), "--contacts", "300"]) == 0
    assert collecting_while_seeding == [False]
    assert gc.isenabled()


def test_a_server_once_built_collects_again_without_visiting_what_it_built():
    built = [[] for _ in range(1000)]  # stands for the modules, classes and routes of a start
    try:
        with collector.paused():
            collector.resume()
            assert gc.isenabled()
            assert gc.get_freeze_count() >= len(built)
    finally:
        gc.unfreeze()

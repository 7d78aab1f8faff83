"""The page cache's generation in a file of this machine (`core.page_cache.FileGeneration`, without Redis):
read with one pread on a descriptor kept open, written in place, so a change counts at once in every
process, and a file removed or replaced behind its back is noticed within a second.

Each `FileGeneration` object stands in for a process of its own: it opens the file itself.
"""

import os
import uuid

from core import page_cache


def test_a_change_written_by_one_process_is_read_by_another_at_once(tmp_path):
    writer, reader = page_cache.FileGeneration(tmp_path), page_cache.FileGeneration(tmp_path)
    first = reader.value()
    assert len(first) == 32 and writer.value() == first

    for _ in range(3):
        new = uuid.uuid4().hex
        writer.set(new)
        assert reader.value() == new  # no second to wait: written in place


def test_a_file_removed_or_replaced_is_noticed_within_the_check(tmp_path, monkeypatch):
    generation = page_cache.FileGeneration(tmp_path)
    before = generation.value()
    monkeypatch.setattr(page_cache.FileGeneration, "CHECK_SECONDS", 0.0)

    # Replaced, as the release before this one wrote it: a new file under the same name.
    replacement = tmp_path / "generation.new"
    replacement.write_text("r" * 32)
    os.replace(replacement, tmp_path / page_cache.GENERATION_FILE)
    assert generation.value() == "r" * 32

    # Removed: a new generation is made.
    (tmp_path / page_cache.GENERATION_FILE).unlink()
    made = generation.value()
    assert made not in (before, "r" * 32) and len(made) == 32

    # Cut short (a disk full, a hand edit): a new generation too.
    (tmp_path / page_cache.GENERATION_FILE).write_text("short")
    assert len(generation.value()) == 32 and generation.value() != made


def test_bump_starts_a_new_generation_in_the_settings_folder(settings, tmp_path):
    settings.PAGE_CACHE_GENERATION_DIR = tmp_path / "folder-made-on-first-use"
    before = page_cache.generation()
    page_cache.bump()
    after = page_cache.generation()
    assert after != before and (settings.PAGE_CACHE_GENERATION_DIR / "generation").read_text() == after

"""Rules of the page reader's people and States, one per test (killing mutmut's survivors: docs/mutation.md)."""

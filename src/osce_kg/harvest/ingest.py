"""The harvest's last step: the pages it archived and has not ingested yet go into the store.

They are read back from the WARC files (pages.warc), as `osce-kg ingest ARCHIVE` would read them,
so a harvest and a replay of its archive give the same graph. A page is marked ingested in the
crawl state once its ingest is over (whatever the outcome: a rejected page is reported, not read
again and again); a killed ingest is redone by the next run, which finds the committed pages unchanged.
"""

from __future__ import annotations

from pathlib import Path

from osce_kg.harvest.report import IngestSummary
from osce_kg.harvest.state import CrawlState
from osce_kg.pages.ingest import ingest_pages
from osce_kg.pages.warc import Gone, flag_gone, page_of_record
from osce_kg.store import GraphStore


def ingest_archived(state: CrawlState, archive: Path, store: GraphStore) -> IngestSummary:
    """Ingest the pages the state holds as archived but not ingested; flag those found gone."""
    rows = state.rows("kind = 'page' AND status IN ('fetched', 'gone') AND record_id IS NOT NULL "
                      "AND (ingested_record IS NULL OR ingested_record != record_id)")
    # in the order they were archived (file names are timestamps): of two copies of one page, the
    # first is kept, as a replay of the archive keeps it
    rows.sort(key=lambda row: (row.warc_file or "", row.warc_offset or 0))
    pages = [page_of_record(archive / (row.warc_file or ""), row.warc_offset or 0, row.record_url or row.url, row.fetched_at or "")
             for row in rows if row.status == "fetched"]
    gone = [Gone(row.record_url or row.url, row.gone_since or "") for row in rows if row.status == "gone"]
    summary = IngestSummary(runs=1, pages=len(pages))
    if pages:
        urls = {str(p.shown): p.url for p in pages}
        report = ingest_pages(store, pages)
        summary.ingested, summary.warnings = report.count("ingested"), report.count("warnings")
        summary.rejected, summary.unchanged = report.count("rejected"), report.count("unchanged")
        summary.rejected_pages = [{"url": urls.get(str(o.path), str(o.path)), "location": str(o.path), "reason": "; ".join(o.messages)}
                                  for o in report.outcomes if o.status == "rejected"]
    summary.gone_flagged = flag_gone(store, gone) if gone else 0
    state.mark_ingested([(row.url, row.record_id or "") for row in rows])
    return summary

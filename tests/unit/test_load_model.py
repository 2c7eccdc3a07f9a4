"""The load model's projection (benchmarks/load_projection.py) is plain arithmetic: figures under the limits pass, a
figure that crosses one fails with the line named, a figure left unmeasured stops the run (issue 21). Times run on
the function's CPU (`cpu_factor`), and a chain moves one page per worker call."""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks.load_projection import (
    PARTITION_WCU,
    Measured,
    Nation,
    PerReport,
    Prices,
    cost_per_million,
    cpu_factor,
    crossed,
    handoff_gb_seconds,
    judge,
    print_lines,
    project,
    storage_per_million,
    unmeasured,
)

MEASURED = Measured(
    page_read_s=0.012,
    send_s=0.004,
    slot_rcu_per_page=0.5,
    slot_wcu_per_send=0.0,
    reminder_dispatch_s=0.9,
    slot_skew=1.1,
    submission_wcu={
        "reports.by_pending_shard": 1.0,
        "reports.by_supervisor_pending": 2.0,
        "reports.by_satker_day": 1.0,
        "digests.by_due": 0.1,
    },
    pending_skew=1.2,
    approval_s=0.02,
    approval_page_s=0.03,
    approval_wcu={"reports.by_pending_shard": 1.0, "reports.by_ekinerja_due": 1.0},
    digest_fanout_s=0.02,
    digest_page_s=0.02,
    digest_due_s=0.0005,
    handoff_s=0.01,
    handoff_page_s=0.05,
    handoff_wcu=1.0,
    ekinerja_skew=1.1,
    local_cores=2,
)
#: the notification worker's 1,024 MB is 1,024 / 1,769 vCPU: CPU work measured on 2 cores takes 3.5 times as long
SLOW = 2 / (1024 / 1769)


def _line(lines, name):
    return next(line for line in lines if line.name == name)


def test_figures_under_the_limits_pass(capsys):
    lines = project(MEASURED, Nation())
    assert crossed(lines) == []
    assert print_lines(lines) == 0
    assert "stays within every limit" in capsys.readouterr().out


def test_the_cpu_factor_is_the_local_cores_over_the_functions_vcpu():
    assert cpu_factor(1024, 2) == pytest.approx(SLOW)
    assert cpu_factor(512, 2) == pytest.approx(6.91, abs=0.01)
    assert cpu_factor(1769, 2) == pytest.approx(2)
    assert cpu_factor(1769 * 4, 2) == 1  # never faster than here: one Python process


def test_the_arithmetic_of_a_line():
    nation = Nation()
    assert nation.peak_submissions == pytest.approx(6_000_000 * 0.75 / 3600 * 2)  # 2,500 reports/s
    lines = project(MEASURED, nation)
    # 2,500 reports/s × 1 WCU × 1.2 skew over 64 shards
    assert _line(lines, "submissions: reports.by_pending_shard per P# key").value == pytest.approx(2500 * 1.2 / 64)
    # a page: (12 ms + 100 sends × 4 ms) on 1,024 MB's CPU + 100 provider calls of 0.3 s, 32 at once
    page = SLOW * (0.012 + 100 * 0.004) + 100 * 0.3 / 32
    assert _line(lines, "reminders: one worker call").value == pytest.approx(page)  # one message a call
    # 4.5 M / 256 × 1.1 = 19,336 a shard → 194 pages, one a call
    assert _line(lines, "reminders: the 16:00 WIB slot drained").value == pytest.approx(194 * page)


def test_a_chain_moves_one_page_per_call_so_a_batch_of_ten_pages_stretches_the_drain_tenfold():
    """The finding behind `notification_jobs.BATCH_SIZE = 1`: 10 pages of 10 chains in one call, one after another,
    make each chain wait for the other nine."""
    one, ten = project(MEASURED, Nation()), project(MEASURED, replace(Nation(), pages_per_call=10))
    drained = "reminders: the 16:00 WIB slot drained"
    assert _line(ten, drained).value == pytest.approx(10 * _line(one, drained).value)
    assert drained in crossed(ten) and drained not in crossed(one)


def test_more_memory_is_more_cpu_and_a_shorter_page():
    small, large = (
        project(MEASURED, replace(Nation(), memory_mb=512)),
        project(MEASURED, replace(Nation(), memory_mb=1769)),
    )
    call = "reminders: one worker call"
    assert _line(large, call).value == pytest.approx(2 * (0.012 + 100 * 0.004) + 100 * 0.3 / 32)
    assert _line(large, call).value < _line(small, call).value
    assert "1,769 MB" in _line(large, call).note


def test_a_slow_send_crosses_the_workers_timeout_and_fails_naming_the_line(capsys):
    lines = project(replace(MEASURED, send_s=0.1), Nation())  # 100 × 100 ms × 3.5 ≈ 35 s
    assert "reminders: one worker call" in crossed(lines)
    worker = _line(lines, "reminders: one worker call")
    assert worker.value > worker.limit == 30  # the notification worker's timeout (.chalice/config.json)
    assert print_lines(lines) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "reminders: one worker call" in out.split("FAILED")[1]


def test_too_few_shards_cross_the_partition_limit():
    lines = project(MEASURED, replace(Nation(), pending_shards=2))
    assert "submissions: reports.by_pending_shard per P# key" in crossed(lines)
    assert _line(lines, "submissions: reports.by_pending_shard per P# key").limit == PARTITION_WCU


def test_an_index_write_per_submission_on_eight_digest_shards_is_named():
    """One digest index write per submission (before issue 21): 2,500/s × 2 (made due, cleared) over 8 keys =
    625 WCU/s — the figure the line's note gives — under the limit at 8 shards but over it at 4."""
    eight = replace(Nation(), digest_shards=8)
    every = replace(MEASURED, submission_wcu={**MEASURED.submission_wcu, "digests.by_due": 1.0})
    assert _line(project(every, eight), "submissions: digests.by_due per D# key").value == pytest.approx(625)
    assert "would be 625" in _line(project(MEASURED, eight), "submissions: digests.by_due per D# key").note
    assert crossed(project(every, eight)) == []
    assert "submissions: digests.by_due per D# key" in crossed(project(every, replace(Nation(), digest_shards=4)))


def test_the_functions_timeouts_memory_and_batch_come_from_the_code():
    nation = Nation.of_code()
    assert (nation.timeout, nation.export_timeout) == (30, 900)
    assert (nation.memory_mb, nation.schedule_memory_mb, nation.export_memory_mb) == (1024, 512, 1024)
    assert (nation.reminder_shards, nation.pending_shards, nation.ekinerja_shards) == (256, 64, 64)
    assert nation.digest_shards == 64
    assert (nation.ekinerja_page, nation.ekinerja_send_workers) == (100, 16)
    assert nation.pages_per_call == 1


def test_the_digests_due_at_once_are_queued_within_the_schedule_period():
    lines = project(MEASURED, Nation())
    queued = _line(lines, "digests: every due digest queued")
    # 450 k due over 64 shards = 71 pages of ((20 ms + 100 × 0.5 ms) on 1,024 MB + 100 × a 20 ms batch of 10)
    assert queued.value == pytest.approx(71 * (SLOW * (0.02 + 100 * 0.0005) + 100 * 0.002)) and not queued.crossed
    assert "digests: every due digest queued" in crossed(project(replace(MEASURED, digest_due_s=0.02), Nation()))


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"page_read_s": 0.0}, "page_read_s"),
        ({"send_s": 0.0}, "send_s"),
        ({"digest_page_s": 0.0}, "digest_page_s"),
        ({"submission_wcu": {"digests.by_due": 0.1}}, "submission_wcu[reports.by_pending_shard]"),
        ({"approval_wcu": {"reports.by_pending_shard": 1.0}}, "approval_wcu[reports.by_ekinerja_due]"),
        ({"handoff_s": 0.0}, "handoff_s"),
        ({"handoff_wcu": 0.0}, "handoff_wcu"),
    ],
)
def test_a_figure_the_run_did_not_measure_stops_it_with_exit_2(change, named, capsys):
    unmeasured_run = replace(MEASURED, **change)
    assert named in unmeasured(unmeasured_run)
    assert judge(unmeasured_run, Nation()) == 2
    captured = capsys.readouterr()
    assert named in captured.err and "not projected" in captured.err
    assert "limit" not in captured.out  # nothing projected


def test_a_send_that_writes_no_index_row_is_measured_not_missing():
    assert unmeasured(MEASURED) == []  # slot_wcu_per_send = 0 is the design, not a gap
    assert judge(MEASURED, Nation()) == 0


def test_the_cost_per_million_reports():
    report = PerReport(write_units=40, read_units=20)
    costs = dict(cost_per_million(report, Prices()))
    assert costs["DynamoDB requests"] == pytest.approx(40 * 0.625 + 20 * 0.125)
    assert costs["API Gateway"] == pytest.approx(2 * 3.50)
    assert costs["SQS"] == pytest.approx(0.63 * 0.40)
    assert costs["SES (digest e-mails)"] == pytest.approx(0.2 * 100)
    assert costs["Lambda"] == pytest.approx(4.1 * 0.2 + 0.07 * 16.6667, rel=1e-4)
    assert "DynamoDB storage" not in " ".join(costs)  # a monthly cost, given apart
    assert storage_per_million(report, Prices()) == pytest.approx(1e6 * 6 / 1024 / 1024 * 0.25)


def test_the_e_kinerja_handoff_keeps_up_with_the_peak_hours_approvals():
    """A page: (50 ms + 100 × 10 ms) on the export worker's 1,024 MB + 100 BKN calls of 0.2 s, 16 at once; a
    15-minute period of the busiest hour (1 M approvals/h) = 250 k over 64 chains × 1.1 skew = 43 pages a chain."""
    lines = project(MEASURED, Nation())
    page = SLOW * (0.05 + 100 * 0.01) + 100 * 0.2 / 16
    assert _line(lines, "e-Kinerja: one worker call (a page)").value == pytest.approx(page)
    drained = _line(lines, "e-Kinerja: a peak period's approvals handed on")
    assert drained.value == pytest.approx(43 * page) and drained.limit == 15 * 60 and not drained.crossed
    # 556 approvals/s at the peak × 1 WCU × 1.1 over 64 keys + a chain removing 100 rows in 1.05 s
    writes = _line(lines, "e-Kinerja: reports.by_ekinerja_due writes per E# key")
    assert writes.value == pytest.approx(1_000_000 / 3600 * 2 * 1.1 / 64 + 100 / 1.05)
    slow_bkn = project(MEASURED, replace(Nation(), bkn_s=4.0))  # a 4 s BKN call: 25 s a page more
    assert "e-Kinerja: a peak period's approvals handed on" in crossed(slow_bkn)


def test_a_report_pays_its_share_of_the_handoff_page_in_gb_seconds():
    """A page's time (its CPU work scaled, BKN's waits as they are) at 1,024 MB over its 100 reports."""
    page = SLOW * (0.05 + 100 * 0.01) + 100 * 0.2 / 16
    assert handoff_gb_seconds(MEASURED, Nation()) == pytest.approx(page * 1.0 / 100)

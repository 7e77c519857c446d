"""What one fetch costs the embedded broker as a partition grows: the cause of the hot pipeline's latency.

    python -m services.bench.brokerscale [--lengths 0,2000,4000,8000,16000] [--probe 200]

The embedded broker (Tansu 0.6, memory storage) keeps every record batch as one object and answers a
fetch that finds new data by listing every batch object of the partition, so its work per fetch grows
with the partition's length; Apache Kafka finds the offset in an index. On a fresh broker, topic
``scale.grown`` is filled with single-record batches up to each length in turn and probed there: a
producer sends ``--probe`` records at 100/s while a consumer tails the partition, and the broker's CPU
per probe record and the send → receive time are measured. The same probe on ``scale.short``, a partition
kept short while the other grows, tells whether the cost follows the partition or the whole store.
Prints one JSON document.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from services.bench.cpu import cpu_seconds
from services.bench.stats import latency_summary
from services.common.broker import EmbeddedBroker

GROWN, SHORT = "scale.grown", "scale.short"
PROBE_RATE = 100.0


async def create(bootstrap: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=1) for name in (GROWN, SHORT)])
    finally:
        await admin.close()


async def probe(bootstrap: str, producer: AIOKafkaProducer, topic: str, records: int,
                broker_pid: int) -> dict[str, Any]:
    """Broker CPU ms per record and send → receive ms while ``records`` single-record batches are tailed."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, fetch_max_wait_ms=20)
    await consumer.start()
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        await consumer.seek_to_end(tp)
        await consumer.position(tp)
        sent: dict[bytes, float] = {}
        gaps: list[float] = []

        async def receive() -> None:
            while len(gaps) < records:
                for got in (await consumer.getmany(tp, timeout_ms=500)).values():
                    now = time.monotonic()
                    gaps.extend((now - sent[r.value]) * 1000 for r in got if r.value in sent)

        cpu, reader = cpu_seconds(broker_pid), asyncio.create_task(receive())
        start = time.monotonic()
        for i in range(records):
            await asyncio.sleep(max(0.0, start + i / PROBE_RATE - time.monotonic()))
            value = f"probe-{topic}-{time.monotonic()}-{i}".encode()
            sent[value] = time.monotonic()
            await producer.send_and_wait(topic, value)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(reader, 60)
        return {"broker_cpu_ms_per_record": round(1000 * (cpu_seconds(broker_pid) - cpu) / records, 3),
                "send_to_receive_ms": latency_summary(gaps) if gaps else None, "not_received": records - len(gaps)}
    finally:
        await consumer.stop()


async def measure(lengths: list[int], records: int) -> dict[str, Any]:
    with EmbeddedBroker() as broker:
        bootstrap, pid = broker.bootstrap_servers, broker.process.pid if broker.process else 0
        await create(bootstrap)
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0)
        await producer.start()
        try:
            filled, rows = 0, list[dict[str, Any]]()
            for length in lengths:
                while filled < length:  # one record per request, so one batch object per record
                    await producer.send_and_wait(GROWN, b"x" * 200)
                    filled += 1
                rows.append({"batches_in_grown_partition": filled + records * len(rows),
                             "grown": await probe(bootstrap, producer, GROWN, records, pid),
                             "short": await probe(bootstrap, producer, SHORT, records, pid)})
            return {"probe_records": records, "probe_rate_per_s": PROBE_RATE, "rows": rows}
        finally:
            await producer.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="0,2000,4000,8000,16000",
                        help="batches in the grown partition at each probe (ascending)")
    parser.add_argument("--probe", type=int, default=200, help="records per probe")
    args = parser.parse_args()
    lengths = sorted(int(n) for n in args.lengths.split(","))
    print(json.dumps(asyncio.run(measure(lengths, args.probe)), indent=2))


if __name__ == "__main__":
    main()

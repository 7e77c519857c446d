"""One way to build the aiokafka producers newsflow's services and commands publish with."""

from __future__ import annotations

from aiokafka import AIOKafkaProducer

from services.common.settings import KafkaSettings


def make_producer(bootstrap_servers: str, kafka: KafkaSettings | None = None, linger_ms: int = 0) -> AIOKafkaProducer:
    """An acks=all producer batching up to ``kafka.producer_batch_bytes``, records up to max_message_bytes."""
    kafka = kafka or KafkaSettings()
    return AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all", linger_ms=linger_ms,
                            max_batch_size=kafka.producer_batch_bytes, max_request_size=kafka.max_message_bytes)

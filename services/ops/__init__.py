"""Operating newsflow: metrics, health and readiness endpoints, lag, progress."""

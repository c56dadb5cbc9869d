"""Scores one track, a batch, and a bad track against Hit Predictor's API (Python 3, `requests`).

    python3 score.py http://127.0.0.1:5000
"""
import sys

import requests

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:5000"

# A Spotify audio-features object can be posted as it is; genre is optional.
TRACK = {
    "danceability": 0.585, "energy": 0.842, "loudness": -5.883, "tempo": 118.211,
    "speechiness": 0.0556, "acousticness": 0.00242, "instrumentalness": 0.00686,
    "liveness": 0.0866, "valence": 0.428, "duration_ms": 237040, "key": 9, "mode": 0,
    "time_signature": 4, "genre": "pop",
}


def describe(result):
    odds = ", ".join(f"{tier} {p:.2f}" for tier, p in result["probabilities"].items())
    return f"{result['tier']} ({odds})"


def score(body):
    """POSTs a track or a batch; raises with the API's own messages when it answers with a problem."""
    response = requests.post(f"{BASE}/api/score", json=body, timeout=30)
    if response.headers.get("Content-Type", "").startswith("application/problem+json"):
        problem = response.json()
        fields = problem.get("errors", {})
        details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in fields.items())
        raise ValueError(f"rejected ({response.status_code}): {details or problem.get('detail') or problem['title']}")
    response.raise_for_status()
    return response.json()


print("one track:", describe(score(TRACK)))

batch = score({"tracks": [TRACK, {**TRACK, "genre": "acoustic", "energy": 0.2}]})
print(f"batch: {batch['count']} tracks scored by model {batch['modelVersion']}")
for number, result in enumerate(batch["results"], start=1):
    print(f"  {number}. {describe(result)}")

try:
    score({**TRACK, "tempo": -4})
except ValueError as problem:
    print(problem)

// Scores one track, a batch, and a bad track against Hit Predictor's API (Node.js 18+ or a browser: fetch).
//   node score.mjs http://127.0.0.1:5000
const base = (process.argv[2] ?? "http://127.0.0.1:5000").replace(/\/$/, "");

// A Spotify audio-features object can be posted as it is; genre is optional.
const track = {
  danceability: 0.585, energy: 0.842, loudness: -5.883, tempo: 118.211,
  speechiness: 0.0556, acousticness: 0.00242, instrumentalness: 0.00686,
  liveness: 0.0866, valence: 0.428, duration_ms: 237040, key: 9, mode: 0,
  time_signature: 4, genre: "pop",
};

const describe = (result) =>
  `${result.tier} (${Object.entries(result.probabilities).map(([tier, p]) => `${tier} ${p.toFixed(2)}`).join(", ")})`;

// POSTs a track or a batch; throws with the API's own messages when it answers with a problem.
async function score(body) {
  const response = await fetch(`${base}/api/score`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if ((response.headers.get("Content-Type") ?? "").startsWith("application/problem+json")) {
    const problem = await response.json();
    const details = Object.entries(problem.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`).join("; ");
    throw new Error(`rejected (${response.status}): ${details || problem.detail || problem.title}`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

console.log("one track:", describe(await score(track)));

const batch = await score({ tracks: [track, { ...track, genre: "acoustic", energy: 0.2 }] });
console.log(`batch: ${batch.count} tracks scored by model ${batch.modelVersion}`);
batch.results.forEach((result, i) => console.log(`  ${i + 1}. ${describe(result)}`));

try {
  await score({ ...track, tempo: -4 });
} catch (problem) {
  console.log(problem.message);
}

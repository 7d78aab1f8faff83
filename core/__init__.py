"""The ground floor: helpers every app may use, knowing nothing of any app above it."""

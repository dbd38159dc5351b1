"""A reflective-practice coach: one conversation engine, several thin transports."""

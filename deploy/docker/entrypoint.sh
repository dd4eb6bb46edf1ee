#!/bin/sh
# Entrypoint of every OneWindow image (under tini): names the instance, then runs the command.
set -eu
# Replicas of a service share one consumer group; the container's host name (its id) tells them
# apart in Kafka client ids, PostgreSQL's application_name and Redis client names. Left to its
# default, each would call itself by its pid, which is the same in every container.
export INSTANCE_ID="${INSTANCE_ID:-${HOSTNAME:-$SERVICE}}"
exec "$@"

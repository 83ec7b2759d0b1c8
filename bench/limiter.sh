#!/usr/bin/env bash
# The rate limiter under 200,000 distinct callers in one minute (issue #15, point 2): ns per limited request for one
# caller and for 200,000, as a ratio measured in the same run, and the heap the limiter keeps (capped at 100,000
# tracked callers). Needs the classes the build wrote (main and test): ./mvnw package -DskipTests first. Usage: bash bench/limiter.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java.sh
cp="target/classes:target/test-classes:target/quarkus-app/lib/main/*"
mkdir -p target/bench/limiter
javac -d target/bench/limiter -cp "$cp" bench/limiter/RateLimiterBench.java
java -Xmx256m -cp "target/bench/limiter:$cp" cn.fucai.cms.common.http.RateLimiterBench | tee target/bench/limiter-results.txt

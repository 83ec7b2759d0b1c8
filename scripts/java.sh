# Sourced by run.sh and test.sh: makes sure a JDK 17 or newer is there for the Maven wrapper (./mvnw), which brings
# its own pinned Maven. When no JDK is on the PATH or in JAVA_HOME, Debian's openjdk-17-jdk-headless is used, and
# installed first if it is missing. service_jvm_options gives the JVM options of the scripts that start the service.
ensure_java() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        export PATH="$JAVA_HOME/bin:$PATH"
        return
    fi
    if command -v javac >/dev/null 2>&1; then
        return
    fi
    local jdk
    jdk=$(ls -d /usr/lib/jvm/java-17-openjdk-* 2>/dev/null | head -n 1)
    if [ -z "$jdk" ] || [ ! -x "$jdk/bin/javac" ]; then
        echo "no JDK found; installing openjdk-17-jdk-headless from Debian's packages" >&2
        local apt=(apt-get)
        [ "$(id -u)" = 0 ] || apt=(sudo apt-get)
        "${apt[@]}" update -qq >&2 && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq openjdk-17-jdk-headless >&2
        jdk=$(ls -d /usr/lib/jvm/java-17-openjdk-* | head -n 1)
    fi
    export JAVA_HOME=$jdk PATH="$jdk/bin:$PATH"
}
ensure_java

# The collector's settings for the service, whatever its heap (docs/performance.md#marking-without-end). The response
# cache and the kept summaries hold about half of a 512 MiB heap; G1's adaptive threshold put the start of marking below
# that, and it marked without end: a cycle a second, each ending in a remark pause of 13-84 ms (most of it unloading
# classes), its write barriers on all the while. Marking starts at 70 % of the heap instead, and classes are unloaded
# by a full collection only, which a metaspace of 256 MiB before its first (the service uses about 100) keeps away.
service_gc_options() {
    echo "-XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:-ClassUnloadingWithConcurrentMark -XX:MetaspaceSize=256m"
}

# JVM options for a service of this heap size, e.g. $(service_jvm_options 512m): the collector's settings, and the heap
# committed at its size from the start (-Xms = -Xmx). Left to grow, G1 keeps it small while collecting takes under
# about 8 % of its time (GCTimeRatio): at -Xmx512m the service ran for minutes on 150-170 MiB, its young generation
# collected ten times a second (docs/performance.md#fixed-heap).
service_jvm_options() {
    echo "-Xms$1 -Xmx$1 $(service_gc_options)"
}

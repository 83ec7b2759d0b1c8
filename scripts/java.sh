# Sourced by run.sh and test.sh: makes sure a JDK 17 or newer is there for the Maven wrapper (./mvnw), which brings
# its own pinned Maven. When no JDK is on the PATH or in JAVA_HOME, Debian's openjdk-17-jdk-headless is used, and
# installed first if it is missing. fixed_heap gives the heap options of the scripts that start the service.
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

# JVM options for a service of this heap size, e.g. $(fixed_heap 512m): the heap committed at its size from the start
# (-Xms = -Xmx). Left to grow, G1 keeps it small while collecting takes under about 8 % of its time (GCTimeRatio): at -Xmx512m the
# service ran for minutes on 150-170 MiB, its young generation collected ten times a second (docs/performance.md#fixed-heap).
fixed_heap() {
    echo "-Xms$1 -Xmx$1"
}

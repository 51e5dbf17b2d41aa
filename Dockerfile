# The Boxoffice image, one for both roles (BOXOFFICE_ROLE=web|worker), as deploy/k8s runs it.
# Built by bin/image with Debian's podman, no image registry needed:
#   bin/image build --train        (then: podman push boxoffice:<version> <your registry>)
# The context is target/image: app/ (the jar extracted into its layers, dependencies apart from
# our classes, which change more often) and cache/ (the JDK AOT cache of a training run of this
# very image: classes parsed and linked, method profiles of holds, checkouts and listings; empty
# before training). BASE is the base layer bin/image makes: a jlink runtime of the JDK under
# /opt/java on a root file system holding only the C libraries it links against, a passwd entry
# for user 10001 and /tmp. No shell, no package manager.
ARG BASE=localhost/boxoffice-base
FROM ${BASE}
COPY app/lib/ /app/lib/
COPY app/boxoffice.jar /app/boxoffice.jar
COPY cache/ /app/
USER 10001:10001
WORKDIR /app
EXPOSE 8080 8081
ENV SPRING_PROFILES_ACTIVE=production
# more JVM options through JAVA_TOOL_OPTIONS (deploy/k8s/configmap.yaml); without a cache in the
# image the JVM says so once and starts from the jar
ENTRYPOINT ["/opt/java/bin/java", "-XX:MaxRAMPercentage=70", "-XX:AOTCache=/app/boxoffice.aot", "-jar", "/app/boxoffice.jar"]

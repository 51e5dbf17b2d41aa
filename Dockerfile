# The Boxoffice image, one for both roles (BOXOFFICE_ROLE=web|worker), as deploy/k8s runs it:
#   docker build -t registry.example.com/boxoffice:0.1.0 .
# Stage 1 builds the jar and extracts it into layers (dependencies change less often than our
# classes). Stage 2 makes the JDK AOT cache (JEP 483/514) in a training run: the application starts
# on the embedded default, loads and links its classes and stops after the context refreshed;
# the classes it used are cached, already parsed and linked, for every later start
# (docs/scaling.md, Start-up). Stage 3 is the runtime: a JRE, a non-root user, no shell tools.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package \
    && java -Djarmode=tools -jar target/boxoffice-*.jar extract --destination /app

FROM eclipse-temurin:25-jdk AS training
COPY --from=build /app /app
WORKDIR /app
RUN java -XX:AOTCacheOutput=boxoffice.aot -Dspring.context.exit=onRefresh \
      -jar boxoffice-0.1.0-SNAPSHOT.jar --boxoffice.embedded.data-dir=/tmp/training --boxoffice.demo-data=false

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 boxoffice && useradd --system --uid 10001 --gid boxoffice boxoffice
WORKDIR /app
COPY --from=build /app /app
COPY --from=training /app/boxoffice.aot /app/boxoffice.aot
USER 10001:10001
EXPOSE 8080 8081
ENV SPRING_PROFILES_ACTIVE=production
# more JVM options through JAVA_TOOL_OPTIONS (deploy/k8s/configmap.yaml)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:AOTCache=/app/boxoffice.aot", "-jar", "/app/boxoffice-0.1.0-SNAPSHOT.jar"]

# Iris: multi-stage build. The runtime image holds the binary only (static assets, templates
# and migrations are compiled in). Build: docker build -t iris .
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock clippy.toml ./
COPY .cargo .cargo
COPY src src
COPY migrations migrations
COPY static static
RUN cargo build --release --locked --bin iris \
 && strip target/release/iris

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --home-dir /var/lib/iris --create-home iris
COPY --from=build /src/target/release/iris /usr/local/bin/iris
COPY config/iris.example.toml /etc/iris/iris.example.toml
# Listen on all interfaces inside the container; keep data on a volume.
ENV IRIS__SERVER__BIND=0.0.0.0:4455 \
    IRIS__DATA_DIR=/var/lib/iris \
    IRIS__STORE__URL=sqlite:///var/lib/iris/iris.db
USER iris
WORKDIR /var/lib/iris
VOLUME ["/var/lib/iris"]
EXPOSE 4455
ENTRYPOINT ["/usr/local/bin/iris"]
CMD ["serve"]

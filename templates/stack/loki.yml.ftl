# ${header}
# Loki of the p21mon stack: single process, filesystem storage, logs kept for metrics.retention_period.
auth_enabled: false

server:
  http_listen_address: ${native?then("127.0.0.1", "0.0.0.0")}
  http_listen_port: ${native?then(ports.loki, 3100)}
  grpc_listen_address: ${native?then("127.0.0.1", "0.0.0.0")}
  grpc_listen_port: ${native?then(loki_grpc_port, 9096)}

common:
  instance_addr: 127.0.0.1
  path_prefix: ${loki_dir}
  storage:
    filesystem:
      chunks_directory: ${loki_dir}/chunks
      rules_directory: ${loki_dir}/rules
  replication_factor: 1
  ring:
    kvstore:
      store: inmemory

schema_config:
  configs:
    - from: 2024-01-01
      store: tsdb
      object_store: filesystem
      schema: v13
      index:
        prefix: index_
        period: 24h

limits_config:
  retention_period: ${retention_hours}h

compactor:
  working_directory: ${loki_dir}/compactor
  retention_enabled: true
  delete_request_store: filesystem

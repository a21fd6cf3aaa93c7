#!/usr/bin/env bash
# The read API side by side with nginx serving the same bytes (issue 17). Starts the app (Release, a fresh SQLite store
# loaded with the seed data) and nginx on loopback, saves the app's own response bodies as nginx's files, then runs wrk
# against each, alternately, twice, at 1 and 16 clients, plain and with Accept-Encoding: br (nginx then serves the app's
# own Brotli bytes with Content-Encoding: br). Prints req/s, p50/p99 and app/nginx per endpoint. Installs wrk and nginx
# from Debian's packages when missing. Usage: bench/read-api.sh [--seconds 15] [--clients "1 16"] [--encodings "plain br"]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=15; client_counts="1 16"; encodings="plain br"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2;;
    --clients) client_counts="$2"; shift 2;;
    --encodings) encodings="$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { apt-get update -qq >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >&2; }
done
work="$(mktemp -d)"; app_port=5391; nginx_port=5392
cleanup() { [[ -n "${app_pid:-}" ]] && kill "$app_pid" 2>/dev/null; [[ -f "$work/nginx.pid" ]] && nginx -c "$work/nginx.conf" -s stop 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet build src/IndustryMap.Cli -c Release -nologo -v quiet >&2
INDUSTRYMAP_DATA="$work/data" ASPNETCORE_URLS="http://127.0.0.1:$app_port" \
  dotnet src/IndustryMap.Cli/bin/Release/net10.0/industrymap.dll serve >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$app_port/health" && break; sleep 1; done

# name|path (URL-encoded where needed)
endpoints=(
  "layouts|/api/layouts/2023"
  "unit|/api/units/%E4%B8%87%E5%B7%9E%E5%8C%BA"
  "targets|/api/targets"
  "checks|/api/checks"
  "search|/api/search?q=%E9%93%9C"
)
mkdir -p "$work/www"; chmod 755 "$work" "$work/www" # mktemp makes 700: nginx workers (www-data) would answer 403
conf_locations=""
for entry in "${endpoints[@]}"; do
  name="${entry%%|*}"; path="${entry#*|}"
  curl -sf "http://127.0.0.1:$app_port$path" -o "$work/www/$name.json"
  curl -sf -H 'Accept-Encoding: br' "http://127.0.0.1:$app_port$path" -o "$work/www/$name.json.br"
  chmod 644 "$work/www/$name.json" "$work/www/$name.json.br"
  conf_locations+="    location = /$name { default_type application/json; if (\$http_accept_encoding ~ br) { rewrite ^ /br/$name last; } alias $work/www/$name.json; }
    location = /br/$name { internal; default_type application/json; add_header Content-Encoding br; alias $work/www/$name.json.br; }
"
done
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  server {
    listen 127.0.0.1:$nginx_port;
$conf_locations  }
}
CONF
nginx -c "$work/nginx.conf"
# Both sides must answer 200 with the same bytes, or the comparison means nothing.
for entry in "${endpoints[@]}"; do
  name="${entry%%|*}"
  for side in plain br; do
    header=(); saved="$work/www/$name.json"; [[ "$side" == br ]] && { header=(-H 'Accept-Encoding: br'); saved="$saved.br"; }
    status="$(curl -s "${header[@]}" -o "$work/check" -w '%{http_code}' "http://127.0.0.1:$nginx_port/$name")"
    [[ "$status" == 200 ]] && cmp -s "$work/check" "$saved" \
      || { echo "nginx does not serve the app's $side bytes of $name (status $status)" >&2; exit 1; }
  done
done

run() { # url clients extra-header → "req/s p50 p99"
  local threads=2; [[ "$2" -lt 2 ]] && threads=1
  local out; out="$(wrk -t"$threads" -c"$2" -d"${seconds}s" --latency ${3:+-H "$3"} "$1")"
  local rps p50 p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"; p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  echo "$rps $p50 $p99"
}
printf '%-8s %-7s %-4s %-5s %10s %9s %9s %10s %9s %9s %8s\n' endpoint clients enc round app_req/s app_p50 app_p99 nginx_req/s ngx_p50 ngx_p99 app/ngx
for encoding in $encodings; do
  header=""; [[ "$encoding" == br ]] && header="Accept-Encoding: br"
  for clients in $client_counts; do
    for entry in "${endpoints[@]}"; do
      name="${entry%%|*}"; path="${entry#*|}"
      for round in 1 2; do
        read -r a_rps a_p50 a_p99 <<<"$(run "http://127.0.0.1:$app_port$path" "$clients" "$header")"
        read -r n_rps n_p50 n_p99 <<<"$(run "http://127.0.0.1:$nginx_port/$name" "$clients" "$header")"
        ratio="$(awk -v a="$a_rps" -v n="$n_rps" 'BEGIN { printf "%.2f", (n > 0 ? a / n : 0) }')"
        printf '%-8s %-7s %-4s %-5s %10s %9s %9s %10s %9s %9s %8s\n' "$name" "$clients" "$encoding" "$round" "$a_rps" "$a_p50" "$a_p99" "$n_rps" "$n_p50" "$n_p99" "$ratio"
      done
    done
  done
done

#!/usr/bin/env bash
# A cluster of three appliances on 127.0.0.11-13 (secondaries 127.0.1.11-13) made by ./garnet up --nodes 3 with
# Ganeti's own commands: node roles and their rules, instances on every node through every lifecycle verb, the
# node daemon's mutual TLS (curl with and without a cluster certificate), remove and re-add, bad additions, a
# node killed in the middle (the job fails naming it, verify reports it, all clean once it is back), the
# htools reading the live cluster, the replicated configuration and queue through gnt-cluster master-failover
# there and back. Own GARNET_HOME; stops everything it started, also on failure.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-multi.XXXXXX)"
G="$ROOT/garnet"
fails=0
HOSTS_MARK="# garnet-multinode-test"
hosts_clean() { sed -i "/$HOSTS_MARK\$/d" /etc/hosts 2>/dev/null; }
hosts_clean
# a name where no appliance answers, for the failing additions
printf '127.0.0.19 node9.garnet.test %s\n127.0.3.31 inst3b.garnet.test %s\n' "$HOSTS_MARK" "$HOSTS_MARK" >> /etc/hosts
. "$ROOT/itests/scripts/lib.sh"
cleanup() {
  stop_cluster; hosts_clean
}
trap cleanup EXIT
data() { echo "$GARNET_HOME/cluster/node$1/appliance/var/lib/garnet"; }
N1=node1.garnet.test; N2=node2.garnet.test; N3=node3.garnet.test
img="$GARNET_HOME/test.img"; truncate -s 8M "$img"
add_inst() { "$G" gnt-instance add -t "$2" -s 1G -o image -O image_file="$img" --no-name-check --no-ip-check "${@:3}" "$1" 2>&1; }

t0=$(date +%s%N)
out=$("$G" up --nodes 3 2>&1); rc=$?
up_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "./garnet up --nodes 3: one line per appliance (name, address, role, pid)" 0 $rc "$out" \
  "^$N2 127\.0\.0\.12 candidate pid [0-9]+$"
[ $rc -eq 0 ] || exit 1
check "the first appliance is the master" 0 0 "$out" "^$N1 127\.0\.0\.11 master pid [0-9]+$"
out=$("$G" up --nodes 3 2>&1); rc=$?
check "./garnet up --nodes 3 again: idempotent" 0 $rc "$out" "^$N3 127\.0\.0\.13 candidate pid [0-9]+$"
out=$("$G" gnt-node list -o name,pip,sip,role,mtotal 2>&1); rc=$?
check "gnt-node list: three nodes with their addresses and live figures" 0 $rc "$out" \
  "^$N3 +127\.0\.0\.13 +127\.0\.1\.13 +C +[0-9.]+[MG]$"
out=$("$G" --node $N2 gnt-instance list 2>&1); rc=$?
check "a command that needs the master, on another node: Ganeti's error" 1 $rc "$out" \
  "This is not the master node, please connect to node '$N1' and rerun the command"
out=$(cat "$(data 3)/ssconf/ssconf_master_candidates" 2>&1)
check "ssconf on node3 lists the candidates" 0 0 "$out" "^$N2$"
# the RAPI users file goes from the master to every node (Ganeti's upload_file), not by the launcher
for i in $(seq 1 30); do cmp -s "$(data 1)/rapi/users" "$(data 3)/rapi/users" && break; sleep 0.5; done
out=$(cmp "$(data 1)/rapi/users" "$(data 3)/rapi/users" 2>&1 && stat -c %a "$(data 3)/rapi/users")
check "the master copied its RAPI users file to node3 (mode 600)" 0 0 "$out" "^600$"
# and its RAPI certificate with the key (Ganeti's rapi.pem), which node3's RAPI takes as its own
for i in $(seq 1 30); do cmp -s "$(data 1)/rapi/rapi.pem" "$(data 3)/rapi/rapi.pem" && break; sleep 0.5; done
out=$(cmp "$(data 1)/rapi/rapi.pem" "$(data 3)/rapi/rapi.pem" 2>&1 && stat -c %a "$(data 3)/rapi/rapi.pem")
check "the master copied its RAPI certificate to node3 (mode 600)" 0 0 "$out" "^600$"

# the cluster IP (127.0.0.10 = cluster.garnet.test, --master-netdev=lo): the master IP setup script runs with
# Ganeti's environment and puts it on lo while the master runs
lo_has_cip() { ip -o addr show dev lo | grep -c " 127\.0\.0\.10/32 "; }
for i in $(seq 1 20); do [ "$(lo_has_cip)" = 1 ] && break; sleep 0.5; done
out=$(ip -o addr show dev lo)
check "the master turned the cluster IP on (127.0.0.10/32 on lo, label lo:0)" 0 0 "$out" "inet 127\.0\.0\.10/32 .* lo:0"
out=$("$G" gnt-cluster deactivate-master-ip 2>&1); rc=$?
check "gnt-cluster deactivate-master-ip asks first (no terminal: no)" 1 $rc "$out" \
  "This will disable the master IP\. All the open connections to the master IP will be closed\."
out=$("$G" gnt-cluster deactivate-master-ip --yes 2>&1); rc=$?
check "gnt-cluster deactivate-master-ip --yes" 0 $rc "$out" ""
check "... the cluster IP is off" 0 0 "$(lo_has_cip)" "^0$"
python3 -c 'import socket,time; s=socket.socket(); s.bind(("127.0.0.10",1811)); s.listen(); time.sleep(30)' &
squatter=$!
for i in $(seq 1 20); do ss -ltnH "sport = :1811" | grep -q "127\.0\.0\.10:1811" && break; sleep 0.2; done
out=$("$G" gnt-cluster activate-master-ip 2>&1); rc=$?
kill $squatter 2>/dev/null; wait $squatter 2>/dev/null
check "activate-master-ip while another machine answers on the IP: the script's error" 1 $rc "$out" \
  "Could not activate the master IP: .*Failed to start the master IP\. Script return value: 1, output: 'Error: master IP address configured on another machine\.'"
out=$("$G" gnt-cluster activate-master-ip 2>&1); rc=$?
check "gnt-cluster activate-master-ip" 0 $rc "$out" ""
check "... the cluster IP is on again" 0 0 "$(lo_has_cip)" "^1$"
out=$("$G" --node $N2 gnt-cluster activate-master-ip 2>&1); rc=$?
check "activate-master-ip on a non-master: Ganeti's error" 1 $rc "$out" "This is not the master node"

# the master candidates' Raft group (Apache Ratis inside the consensus bundle), port 1812 of each candidate
raft_listening() { ss -ltnH "sport = :1812" | grep -c "127\.0\.0\.1[1-3]\]\?:1812"; }
for i in $(seq 1 30); do [ "$(raft_listening)" = 3 ] && break; sleep 1; done
out=$(ss -ltnH "sport = :1812")
check "every candidate runs a Raft member on its own address, port 1812" 0 0 "$out" "127\.0\.0\.13\]?:1812"
for i in $(seq 1 30); do
  out=$(grep -h "sees leader" "$GARNET_HOME"/cluster/node3/appliance/data/log/karaf.log | tail -1)
  [ -n "$out" ] && break; sleep 1
done
check "the group elected the master as its leader (node3's view)" 0 0 "$out" "node3\.garnet\.test sees leader $N1"
out=$(curl -sS --max-time 10 -k https://127.0.0.12:1812/ 2>&1); rc=$?
check "Raft port: no client certificate, refused in the handshake" 1 $([ $rc -ne 0 ] && echo 1 || echo 0) "$out" "."

# the master's appliance stopped: the two other candidates elect a leader among themselves, which takes the
# master's part (automatic failover); the old master, back, follows it, and master-failover moves the master back
# wait (bounded) until the leader has made the other two nodes members
for i in $(seq 1 30); do
  out=$(grep -h "Raft group members now" "$GARNET_HOME/cluster/node1/appliance/data/log/karaf.log" | tail -1)
  grep -q "$N1" <<<"$out" && grep -q "$N2" <<<"$out" && grep -q "$N3" <<<"$out" && break
  sleep 1
done
A1="$GARNET_HOME/cluster/node1/appliance"
"$A1/bin/stop" >/dev/null 2>&1
for i in $(seq 1 60); do pgrep -f "$A1/" >/dev/null || break; sleep 0.5; done
for i in $(seq 1 60); do
  out=$("$G" --node $N3 gnt-cluster getmaster 2>&1)
  grep -qE "^node[23]\.garnet\.test$" <<<"$out" && break; sleep 0.5
done
check "the master stopped: another candidate takes the master's part" 0 0 "$out" "^node[23]\.garnet\.test$"
took_over=$out
"$G" up --nodes 3 >/dev/null 2>&1
for i in $(seq 1 60); do
  out=$("$G" --node $N1 gnt-cluster getmaster 2>&1)
  [ "$out" = "$took_over" ] && break; sleep 0.5
done
check "the old master back: it follows the new one" 0 0 "$out" "^$took_over$"
for i in $(seq 1 20); do   # bounded: node1's member catches up before it can lead
  out=$("$G" --node $N1 gnt-cluster master-failover 2>&1); rc=$?
  [ $rc -eq 0 ] && break; sleep 1
done
check "gnt-cluster master-failover on node1 makes it the master again" 0 $rc "$out" "^$"
out=$("$G" --node $N3 gnt-cluster getmaster 2>&1)
check "getmaster on node3: node1" 0 0 "$out" "^$N1$"

# the configuration and the job queue are the candidates' replicated state: gnt-cluster master-failover run on
# node2 makes it the master (Raft leadership, then the configuration, the cluster IP, the queue, the RAPI)
ids=""
for i in 1 2 3; do ids="$ids $("$G" gnt-debug delay --submit 0.01 2>&1 | sed -n 's/^JobID: //p')"; done
before=$("$G" gnt-job list --no-headers -o id,status 2>&1)
out=$("$G" gnt-cluster master-failover 2>&1); rc=$?
check "master-failover on the master: Ganeti's error" 1 $rc "$out" "$N1 is already the master"
out=$("$G" --node $N2 gnt-cluster master-failover 2>&1); rc=$?
check "gnt-cluster master-failover on node2" 0 $rc "$out" "^$"
for n in $N1 $N2 $N3; do
  out=$("$G" --node $n gnt-cluster getmaster 2>&1); rc=$?
  check "getmaster on $n: node2" 0 $rc "$out" "^$N2$"
done
out=$("$G" --node $N2 gnt-job list --no-headers -o id,status 2>&1)
[ -n "$before" ] && [ "$out" = "$before" ]; same=$?
check "every job the old master acknowledged is on the new one, same states" 0 $same "$out" "^$(tr ' ' '\n' <<<"$ids" | grep . | tail -1) +success$"
[ $same -eq 0 ] || echo "       (the old master listed: $(tr '\n' ' ' <<<"$before"))"
out=$("$G" --node $N1 gnt-instance list 2>&1); rc=$?
check "the old master refuses what needs the master, naming the new one" 1 $rc "$out" \
  "This is not the master node, please connect to node '$N2' and rerun the command"
last=$(tr ' ' '\n' <<<"$ids" | grep . | tail -1)
out=$("$G" --node $N2 gnt-debug delay --submit 0.01 2>&1); rc=$?
new=$(sed -n 's/^JobID: //p' <<<"$out")
check "a job on the new master: the ids go on ($last -> $new)" 0 $rc "$new" "^$((last + 1))$"
out=$("$G" --node $N2 gnt-job wait "$new" 2>&1; "$G" --node $N2 gnt-job list --no-headers -o status "$new" 2>&1)
check "... and it runs there" 0 0 "$out" "^success$"
read -r ruser rpw < <("$G" credentials)
for i in $(seq 1 20); do
  out=$(curl -sk --max-time 5 -u "$ruser:$rpw" https://127.0.0.10:5080/2/info 2>&1)
  grep -q "\"master\": *\"$N2\"" <<<"$out" && break; sleep 0.5
done
check "the RAPI on the cluster IP answers from the new master" 0 0 "$out" "\"master\": *\"$N2\""
out=$("$G" --node $N1 gnt-cluster master-failover 2>&1); rc=$?
check "master-failover back to node1" 0 $rc "$out" "^$"
out=$("$G" --node $N3 gnt-cluster getmaster 2>&1)
check "getmaster on node3: node1 again" 0 0 "$out" "^$N1$"
out=$("$G" gnt-debug delay 0.01 2>&1); rc=$?
check "node1 runs jobs again" 0 $rc "$out" "^$"


# mutual TLS of the node daemon
d1="$(data 1)/crypto"; pem="$GARNET_HOME/master.pem"
openssl pkcs12 -in "$d1/node.p12" -passin file:"$d1/node.pass" -nodes -out "$pem" 2>/dev/null
ca="$GARNET_HOME/ca.pem"; openssl pkcs12 -in "$d1/cluster-ca.p12" -passin file:"$d1/cluster-ca.pass" -nokeys -out "$ca" 2>/dev/null
out=$(curl -sS --max-time 10 --cacert "$ca" --cert "$pem" -X POST -d '[]' https://127.0.0.12:1811/version 2>&1); rc=$?
check "node daemon: the master's certificate is admitted" 0 $rc "$out" '^\[true,[0-9]+\]$'
out=$(curl -sS --max-time 10 -k -X POST -d '[]' https://127.0.0.12:1811/version 2>&1); rc=$?
check "node daemon: no client certificate, refused in the handshake" 1 $([ $rc -ne 0 ] && echo 1 || echo 0) "$out" "."
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$GARNET_HOME/x.key" -out "$GARNET_HOME/x.crt" -days 1 \
  -subj "/CN=intruder" 2>/dev/null
out=$(curl -sS --max-time 10 -k --cert "$GARNET_HOME/x.crt" --key "$GARNET_HOME/x.key" -X POST -d '[]' \
  https://127.0.0.12:1811/version 2>&1); rc=$?
check "node daemon: a certificate of another authority, refused" 1 $([ $rc -ne 0 ] && echo 1 || echo 0) "$out" "."
out=$(grep "refused a caller" "$GARNET_HOME/cluster/node2/appliance/data/log/karaf.log")
check "node daemon: the refusal is logged" 0 0 "$out" "CN=intruder"

# renewing every node's certificate on the running cluster
fp() { openssl pkcs12 -in "$(data "$1")/crypto/node.p12" -passin file:"$(data "$1")/crypto/node.pass" -nokeys 2>/dev/null \
  | openssl x509 -noout -fingerprint -sha1 | cut -d= -f2; }
before2=$(fp 2)
out=$("$G" gnt-cluster renew-crypto --new-node-certificates -f 2>&1); rc=$?
check "gnt-cluster renew-crypto --new-node-certificates" 0 $rc "$out" "Renewed the certificate of node $N2"
check "node2 has a new certificate" 1 $([ "$(fp 2)" != "$before2" ] && echo 1 || echo 0) "$(fp 2)" "."
# the node daemons restart with their new certificates just after the job ends: wait (bounded) for all three
for i in $(seq 1 30); do
  out=$("$G" gnt-node list -o name,mfree --no-headers 2>&1); rc=$?
  [ "$(grep -cE ' [0-9.]+[MG]$' <<<"$out")" = 3 ] && break
  sleep 1
done
check "the master reaches every node with the new certificates (after ${i} tries)" 0 $rc "$out" "^$N3 +[0-9.]+[MG]$"
for i in $(seq 1 30); do
  curl -s --max-time 5 --cacert "$ca" --cert "$pem" -X POST -d '[]' https://127.0.0.12:1811/version >/dev/null || break
  sleep 1
done
out=$(curl -sS --max-time 10 --cacert "$ca" --cert "$pem" -X POST -d '[]' https://127.0.0.12:1811/version 2>&1); rc=$?
check "the master's old certificate is no longer admitted" 1 $([ $rc -ne 0 ] && echo 1 || echo 0) "$out" "."

# roles and their rules
out=$("$G" gnt-node modify --offline=yes $N1 2>&1); rc=$?
check "the master cannot be offlined" 1 $rc "$out" "The master role can be changed only via master-failover"
out=$("$G" gnt-node modify -C no $N3 2>&1); rc=$?
check "gnt-node modify -C no: Ganeti's change list" 0 $rc "$out" "^ - master_candidate -> False$"
for i in $(seq 1 30); do ss -ltnH "sport = :1812" | grep -q "127\.0\.0\.13\]\?:1812" || break; sleep 1; done
out=$(ss -ltnH "sport = :1812")
check "a demoted node leaves the Raft group (its member stops)" 1 $(grep -q "127\.0\.0\.13\]\?:1812" <<<"$out"; echo $?) "$out" "."
# node3 stops its member on its own poll, the leader drops it from the group on its own: wait (bounded) for that
for i in $(seq 1 20); do
  out=$(grep -h "Raft group members now" "$GARNET_HOME/cluster/node1/appliance/data/log/karaf.log" | tail -1)
  grep -q "members now \[$N1, $N2\] (master $N1)$" <<<"$out" && break
  sleep 1
done
check "the leader shrinks the group" 0 0 "$out" "members now \[$N1, $N2\] \(master $N1\)$"
dig3=$(openssl pkcs12 -in "$(data 3)/crypto/node.p12" -passin file:"$(data 3)/crypto/node.pass" -nokeys 2>/dev/null \
  | openssl x509 -noout -fingerprint -sha1 | cut -d= -f2)
out=$(cat "$(data 2)/ssconf/ssconf_master_candidates_certs")
check "a demoted node's certificate leaves the admitted list on every node" 1 $(grep -qi "$dig3" <<<"$out"; echo $?) "$out" "."
out=$("$G" gnt-node modify -C no $N2 2>&1); rc=$?
check "demoting below the pool size needs --auto-promote" 1 $rc "$out" "Not enough master candidates, please pass auto promote option"
out=$("$G" gnt-node modify -C no --auto-promote $N2 2>&1); rc=$?
check "gnt-node modify -C no --auto-promote promotes another node" 0 $rc "$out" "Promoted nodes to master candidate role: $N3"
out=$("$G" gnt-node list -o name,role --no-headers 2>&1)
check "roles: node2 regular, node3 candidate" 0 0 "$out" "^$N2 +R$"
out=$("$G" gnt-node modify --drained=yes $N2 2>&1); rc=$?
check "gnt-node modify --drained=yes" 0 $rc "$out" "^ - drained -> True$"
out=$(add_inst inst3.garnet.test file -n $N2); rc=$?
check "a drained node gets no new instance" 1 $rc "$out" "Can't use drained node $N2"
out=$("$G" gnt-node modify --drained=no $N2 2>&1); rc=$?
check "gnt-node modify --drained=no: back, and promoted while the pool is short" 0 $rc "$out" "^ - master_candidate -> True$"
out=$("$G" gnt-node modify --offline=yes --auto-promote $N2 2>&1); rc=$?
check "gnt-node modify --offline=yes (a candidate: demoted)" 0 $rc "$out" "^ - offline -> True$"
out=$("$G" gnt-node list -o name,mfree,role 2>&1); rc=$?
check "an offline node: no live figures, role O" 0 $rc "$out" "^$N2 +\* +O$"
out=$("$G" gnt-node modify --online $N2 2>&1); rc=$?
check "gnt-node modify --online (Garnet's --offline=no)" 0 $rc "$out" "^ - offline -> False$"
out=$("$G" gnt-cluster modify --candidate-pool-size 2 2>&1); rc=$?
check "gnt-cluster modify --candidate-pool-size 2" 0 $rc "$out" "^$"

# the same roles over RAPI on the master (Ganeti's /2/nodes/NAME/role and /2/nodes/NAME/modify)
read -r ruser rpw < <("$G" credentials)
rapi() { curl -sk -u "$ruser:$rpw" -H 'Content-Type: application/json' "$@"; }
rapi_wait() {  # rapi_wait JOB-ID: the job's final status
  local st=""
  for i in $(seq 1 60); do
    st=$(rapi "https://127.0.0.11:5080/2/jobs/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' 2>/dev/null)
    case "$st" in success|error|canceled) break ;; esac
    sleep 0.5
  done
  echo "$st"
}
out=$(rapi -w ' %{http_code}' https://127.0.0.11:5080/2/nodes/$N1/role)
check "RAPI GET /2/nodes/NAME/role of the master" 0 0 "$out" '^"master" 200$'
out=$(rapi -w ' %{http_code}' https://127.0.0.10:5080/2/info); rc=$?
check "the RAPI answers on the cluster IP (127.0.0.10:5080)" 0 $rc "$out" '"name": ?"cluster\.garnet\.test".* 200$'
out=$(rapi https://127.0.0.12:5080/2/info 2>&1); rc=$?
check "a node that is not the master runs no RAPI (connection refused)" 7 $rc "$out" ""
out=$(rapi -X PUT -d '"drained"' -w ' %{http_code}' https://127.0.0.11:5080/2/nodes/$N3/role)
check "RAPI PUT /2/nodes/NAME/role drained: a job id" 0 0 "$out" '^"?[0-9]+"? 200$'
out=$(rapi_wait "$(tr -dc 0-9 <<<"${out% *}")")
check "the role job succeeds" 0 0 "$out" "^success$"
out=$(rapi https://127.0.0.11:5080/2/nodes/$N3/role)
check "RAPI: node3 is drained" 0 0 "$out" '^"drained"$'
out=$("$G" gnt-node list -o name,role --no-headers 2>&1)
check "gnt-node list agrees: node3 D" 0 0 "$out" "^$N3 +D$"
out=$(rapi -X PUT -d '"master"' -w ' %{http_code}' https://127.0.0.11:5080/2/nodes/$N3/role)
check "RAPI PUT role master: 400 (only master-failover moves it)" 0 0 "$out" "Can't set 'master' role.* 400$"
out=$(rapi -X PUT -d '"regular"' https://127.0.0.11:5080/2/nodes/$N3/role)
out=$(rapi_wait "$(tr -dc 0-9 <<<"$out")")
check "RAPI PUT role regular" 0 0 "$out" "^success$"
out=$(rapi https://127.0.0.11:5080/2/nodes/$N3/role)
check "RAPI: node3 is regular" 0 0 "$out" '^"regular"$'
out=$(rapi -X POST -d '{"master_candidate": true}' https://127.0.0.11:5080/2/nodes/$N3/modify)
out=$(rapi_wait "$(tr -dc 0-9 <<<"$out")")
check "RAPI POST /2/nodes/NAME/modify master_candidate" 0 0 "$out" "^success$"
out=$(rapi https://127.0.0.11:5080/2/nodes/$N3)
check "RAPI GET /2/nodes/NAME: node3 a candidate again" 0 0 "$out" '"role": ?"C"'

# instances on every node, every lifecycle verb
for k in 1 2 3; do
  out=$(add_inst inst$k.garnet.test file -n node$k.garnet.test); rc=$?
  check "gnt-instance add -n node$k" 0 $rc "$out" "starting instance"
done
out=$(add_inst shared1.garnet.test sharedfile -n $N2); rc=$?
check "a sharedfile instance on node2, its disk in the shared directory" 0 $rc "$out" "starting instance"
out=$(ls "$GARNET_HOME/cluster/shared/shared1.garnet.test" 2>&1)
check "the shared directory holds it" 0 0 "$out" "disk0"
out=$(add_inst placed.garnet.test file); rc=$?
check "placement by hail on the 3-node cluster (N+1 checked)" 0 $rc "$out" "Selected nodes for instance placed.garnet.test via iallocator hail"
out=$("$G" gnt-instance list -o name,pnode,status 2>&1)
check "instances run on their nodes" 0 0 "$out" "^inst2\.garnet\.test +$N2 +running$"
for v in "shutdown" "startup" "reboot" "deactivate-disks" "activate-disks"; do
  [ "$v" = deactivate-disks ] && "$G" gnt-instance shutdown inst2.garnet.test >/dev/null 2>&1
  out=$("$G" gnt-instance $v inst2.garnet.test 2>&1); rc=$?
  check "gnt-instance $v of an instance on node2" 0 $rc "$out" ""
done
out=$("$G" gnt-instance startup inst2.garnet.test 2>&1; "$G" gnt-instance info inst2.garnet.test 2>&1); rc=$?
check "gnt-instance info: the primary node and its run state" 0 $rc "$out" "primary: $N2"
out=$("$G" gnt-instance console --show-cmd inst2.garnet.test 2>&1); rc=$?
check "gnt-instance console of an instance on node2" 0 $rc "$out" ""
"$G" gnt-instance shutdown inst3.garnet.test >/dev/null 2>&1
out=$("$G" gnt-instance rename inst3.garnet.test inst3b.garnet.test 2>&1); rc=$?
check "gnt-instance rename on node3 (its disk directory renamed there)" 0 $rc "$out" "renamed to .inst3b"
out=$(ls "$(data 3)/file-storage" 2>&1)
check "the renamed directory" 0 0 "$out" "^inst3b\.garnet\.test$"
out=$("$G" gnt-instance reinstall -f inst3b.garnet.test 2>&1); rc=$?
check "gnt-instance reinstall on node3 (the OS script runs there)" 0 $rc "$out" ""
out=$("$G" gnt-os diagnose 2>&1); rc=$?
check "gnt-os diagnose: Debian's ganeti-os-noop found on every node in Ganeti's search path" 0 $rc "$out" \
  "^  Node: $N3, status: valid \(path: /usr/share/ganeti/os/noop\)"
out=$("$G" gnt-instance add -t file -s 1G -o noop --no-name-check --no-ip-check -n $N3 noop1.garnet.test 2>&1); rc=$?
check "an instance with Debian's noop OS on node3" 0 $rc "$out" "starting instance"
out=$("$G" hspace -L 2>&1); rc=$?
check "hspace -L reads the 3-node cluster" 0 $rc "$out" "The cluster has 3 nodes"
out=$("$G" hbal -L 2>&1); rc=$?
check "hbal -L reads the 3-node cluster" 0 $rc "$out" "Loaded 3 nodes|Initial score"

# remove and re-add
out=$("$G" gnt-node remove $N1 2>&1); rc=$?
check "gnt-node remove of the master: refused" 1 $rc "$out" "Node is the master node, failover to another node is required"
out=$("$G" gnt-node remove $N3 2>&1); rc=$?
check "gnt-node remove of a node with an instance: refused" 1 $rc "$out" "Instance inst3b.garnet.test is still running on the node, please remove first"
"$G" gnt-instance remove -f inst3b.garnet.test >/dev/null 2>&1
"$G" gnt-instance list -o name,pnode --no-headers | awk -v n=$N3 '$2 == n {print $1}' | while read -r i; do
  "$G" gnt-instance remove -f "$i" >/dev/null 2>&1 </dev/null; done
out=$("$G" gnt-node remove $N3 2>&1); rc=$?
check "gnt-node remove node3" 0 $rc "$out" "^$"
out=$("$G" gnt-node list -o name --no-headers 2>&1)
check "two nodes left" 0 0 "$out" "^$N2$"
out=$(ls "$(data 3)/crypto" "$(data 3)/ssconf" 2>&1)
check "the removed node forgot its certificates and facts" 0 0 "$out" "^$(data 3)/ssconf:$"
for i in $(seq 1 20); do [ -d "$(data 3)/raft" ] || break; sleep 0.5; done
out=$(ls "$(data 3)" 2>&1)
check "... and its copy of the Raft log" 1 $(grep -qx raft <<<"$out"; echo $?) "$out" "."
out=$("$G" gnt-node add -s 127.0.1.13 $N3 2>&1); rc=$?
check "gnt-node add node3 again" 0 $rc "$out" ""
# the node forgets its cluster just after answering the removal: an add at once must not be undone by it
rc=0; out=""
for i in 1 2 3; do
  out=$("$G" gnt-node remove $N3 2>&1 && "$G" gnt-node add -s 127.0.1.13 $N3 2>&1) || { rc=1; break; }
done
check "gnt-node remove and add at once, three times" 0 $rc "$out" ""
out=$("$G" gnt-node list -o name,mfree --no-headers 2>&1); rc=$?
check "... node3 is back with live figures" 0 $rc "$out" "^$N3 +[0-9.]+[MG]$"
out=$("$G" gnt-node add -s 127.0.1.13 $N3 2>&1); rc=$?
check "gnt-node add of a known name: Ganeti's error" 1 $rc "$out" "Node $N3 already in the cluster \(as $N3\) - please retry with '--readd'"
out=$("$G" gnt-node add --readd $N3 2>&1); rc=$?
check "gnt-node add --readd with another secondary address: refused" 1 $rc "$out" "Readded node doesn't have the same IP address configuration as before"
out=$("$G" gnt-node add --readd -s 127.0.1.13 $N3 2>&1); rc=$?
check "gnt-node add --readd" 0 $rc "$out" ""
out=$("$G" gnt-node add -s 127.0.1.19 node9.garnet.test 2>&1); rc=$?
check "gnt-node add where no appliance answers: an error naming it" 1 $rc "$out" "node9\.garnet\.test"
out=$("$G" gnt-node list -o name --no-headers 2>&1)
check "nothing stored for the failed additions" 0 $(grep -c . <<<"$out" | grep -qx 3; echo $?) "$out" "^$N3$"

# a node killed in the middle: a minority of the candidates. The pool is 2 since modify --candidate-pool-size 2:
# make the re-added node3 a candidate again and wait (bounded) until the leader has made it a member (with two
# members, losing one is losing the majority, and every change fails: Raft's rule)
"$G" gnt-node modify -C yes $N3 >/dev/null 2>&1
for i in $(seq 1 30); do
  out=$(grep -h "Raft group members now" "$GARNET_HOME/cluster/node1/appliance/data/log/karaf.log" | tail -1)
  grep -q "$N1" <<<"$out" && grep -q "$N2" <<<"$out" && grep -q "$N3" <<<"$out" && break
  sleep 1
done
kill_node 2
t0=$(date +%s)
out=$("$G" gnt-instance reboot inst2.garnet.test 2>&1); rc=$?
took=$(( $(date +%s) - t0 ))
check "a job on a killed node fails naming it (in ${took}s)" 1 $rc "$out" "node $N2"
out=$("$G" gnt-instance list -o name,admin_state --no-headers 2>&1)
check "the configuration is unchanged" 0 0 "$out" "^inst2\.garnet\.test +up$"
out=$("$G" gnt-cluster verify 2>&1); rc=$?
check "gnt-cluster verify reports the unreachable node" 1 $rc "$out" "ERROR: node $N2: while contacting node"
"$G" up --nodes 3 >/dev/null 2>&1
for i in $(seq 1 30); do
  out=$("$G" gnt-cluster verify 2>&1); rc=$?
  [ $rc -eq 0 ] && break; sleep 1
done
check "gnt-cluster verify is clean once the node is back (${i} tries)" 0 $rc "$out" "Hooks Results"
out=$("$G" gnt-cluster redist-conf 2>&1); rc=$?
check "gnt-cluster redist-conf pushes to the other nodes" 0 $rc "$out" ""
out=$(diff <(cat "$(data 1)"/ssconf/ssconf_node_list) <(cat "$(data 2)"/ssconf/ssconf_node_list) 2>&1 && echo same)
check "the node that was down has the cluster's facts again" 0 0 "$out" "^same$"

out=$("$G" down 2>&1); rc=$?
check "./garnet down stops them all" 0 $rc "$out" "stopped"
out=$(grep -c "# garnet-up$" /etc/hosts)
check "./garnet down removes its /etc/hosts lines" 1 $([ "$out" = 0 ] && echo 1 || echo 0) "$out" "^0$"
check "./garnet down: the cluster IP is off" 0 0 "$(lo_has_cip)" "^0$"
echo "figures: ./garnet up --nodes 3 from a built tree: ${up_ms} ms"
if [ $fails -eq 0 ]; then echo "multinode-test: all passed"; else echo "multinode-test: $fails failed"; exit 1; fi

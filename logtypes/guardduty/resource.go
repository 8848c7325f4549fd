package guardduty

import (
	"strconv"

	"github.com/valyala/fastjson"
)

// resource maps the affected resource: the user of an access key, an
// instance, a container, a cluster, a database user, a function.
func (n *normalizer) resource(res *fastjson.Value) {
	ev := n.ev
	ev.KeywordBytes("aws.guardduty.resource_type", str(res, "resourceType"))

	if ak := res.Get("accessKeyDetails"); ak != nil {
		ev.KeywordBytes("user.name", str(ak, "userName"))
		ev.KeywordBytes("user.id", str(ak, "principalId"))
		ev.KeywordBytes("aws.guardduty.access_key_id", str(ak, "accessKeyId"))
		ev.KeywordBytes("aws.guardduty.user_type", str(ak, "userType"))
		n.addUser(str(ak, "userName"))
	}
	if in := res.Get("instanceDetails"); in != nil {
		id := str(in, "instanceId")
		ev.KeywordBytes("cloud.instance.id", id)
		ev.KeywordBytes("cloud.machine.type", str(in, "instanceType"))
		ev.KeywordBytes("cloud.availability_zone", str(in, "availabilityZone"))
		ev.KeywordBytes("aws.guardduty.instance.image_id", str(in, "imageId"))
		if len(id) > 0 {
			n.hosts = append(n.hosts, string(id))
		}
		for _, nic := range in.GetArray("networkInterfaces") {
			if h := str(nic, "privateDnsName"); len(h) > 0 && len(n.hosts) < 64 {
				n.hosts = append(n.hosts, string(h))
			}
			if h := str(nic, "publicDnsName"); len(h) > 0 && len(n.hosts) < 64 {
				n.hosts = append(n.hosts, string(h))
			}
		}
	}
	if c := res.Get("containerDetails"); c != nil {
		ev.KeywordBytes("container.id", str(c, "id"))
		ev.KeywordBytes("container.name", str(c, "name"))
		ev.KeywordBytes("container.image.name", str(c, "image"))
	}
	if eks := res.Get("eksClusterDetails"); eks != nil {
		ev.Keyword("orchestrator.type", "kubernetes")
		ev.KeywordBytes("orchestrator.cluster.name", str(eks, "name"))
		ev.KeywordBytes("orchestrator.cluster.id", str(eks, "arn"))
	}
	if ecs := res.Get("ecsClusterDetails"); ecs != nil {
		ev.Keyword("orchestrator.type", "ecs")
		ev.KeywordBytes("orchestrator.cluster.name", str(ecs, "name"))
		ev.KeywordBytes("orchestrator.cluster.id", str(ecs, "arn"))
		if task := ecs.Get("taskDetails"); task != nil {
			ev.Keyword("orchestrator.resource.type", "task")
			ev.KeywordBytes("orchestrator.resource.id", str(task, "arn"))
			if cs := task.GetArray("containers"); len(cs) > 0 {
				ev.KeywordBytes("container.name", str(cs[0], "name"))
				ev.KeywordBytes("container.image.name", str(cs[0], "image"))
			}
		}
	}
	if k := res.Get("kubernetesDetails"); k != nil {
		if u := k.Get("kubernetesUserDetails"); u != nil {
			if !ev.Has("user.name") {
				ev.KeywordBytes("user.name", str(u, "username"))
				ev.KeywordBytes("user.id", str(u, "uid"))
			}
			n.addUser(str(u, "username"))
		}
		if w := k.Get("kubernetesWorkloadDetails"); w != nil {
			ev.KeywordBytes("orchestrator.namespace", str(w, "namespace"))
			ev.KeywordBytes("orchestrator.resource.name", str(w, "name"))
			ev.KeywordBytes("orchestrator.resource.type", str(w, "type"))
			ev.KeywordBytes("orchestrator.resource.id", str(w, "uid"))
		}
	}
	if u := res.Get("rdsDbUserDetails"); u != nil {
		if !ev.Has("user.name") {
			ev.KeywordBytes("user.name", str(u, "user"))
		}
		n.addUser(str(u, "user"))
		ev.KeywordBytes("aws.guardduty.database.user.application", str(u, "application"))
		ev.KeywordBytes("aws.guardduty.database.name", str(u, "database"))
	}
	if db := res.Get("rdsDbInstanceDetails"); db != nil {
		ev.KeywordBytes("aws.guardduty.database.instance_id", str(db, "dbInstanceIdentifier"))
		ev.KeywordBytes("aws.guardduty.database.cluster_id", str(db, "dbClusterIdentifier"))
		ev.KeywordBytes("aws.guardduty.database.engine", str(db, "engine"))
	}
	if l := res.Get("lambdaDetails"); l != nil {
		ev.KeywordBytes("faas.name", str(l, "functionName"))
		ev.KeywordBytes("faas.id", str(l, "functionArn"))
		ev.KeywordBytes("faas.version", str(l, "functionVersion"))
	}
	for _, b := range res.GetArray("s3BucketDetails") {
		if name := str(b, "name"); len(name) > 0 {
			ev.KeywordBytes("aws.guardduty.s3_bucket.name", name)
			break
		}
	}
}

// runtime maps the process Runtime Monitoring saw.
func (n *normalizer) runtime(rt *fastjson.Value) {
	if rt == nil || rt.Type() != fastjson.TypeObject {
		return
	}
	ev := n.ev
	if p := rt.Get("process"); p != nil && p.Type() == fastjson.TypeObject {
		ev.KeywordBytes("process.name", str(p, "name"))
		ev.KeywordBytes("process.executable", str(p, "executablePath"))
		if h := str(p, "executableSha256"); len(h) > 0 {
			ev.KeywordBytes("process.hash.sha256", h)
			n.hashes = append(n.hashes, string(h))
		}
		ev.KeywordBytes("process.working_directory", str(p, "pwd"))
		ev.KeywordBytes("process.entity_id", str(p, "uuid"))
		if pid, ok := integer(p.Get("pid")); ok && pid >= 0 {
			ev.Long("process.pid", pid)
		}
		if t := str(p, "startTime"); len(t) > 0 {
			n.date("process.start", t)
		}
		ev.KeywordBytes("process.user.name", str(p, "user"))
		if uid, ok := integer(p.Get("userId")); ok {
			ev.Keyword("process.user.id", strconv.FormatInt(uid, 10))
		}
		if name := str(p, "user"); len(name) > 0 {
			n.addUser(name)
		}
		if lineage := p.GetArray("lineage"); len(lineage) > 0 {
			parent := lineage[0]
			ev.KeywordBytes("process.parent.executable", str(parent, "executablePath"))
			ev.KeywordBytes("process.parent.name", str(parent, "name"))
			if pid, ok := integer(parent.Get("pid")); ok && pid >= 0 {
				ev.Long("process.parent.pid", pid)
			}
		}
	}
}

// malware maps what a malware scan found: the threat names, and the
// files' paths, names and SHA-256 hashes (arrays when several), from an
// EBS volume scan (ebsVolumeScanDetails) or an S3 object scan
// (malwareScanDetails).
func (n *normalizer) malware(svc *fastjson.Value) {
	var names, paths, files, hashes []string
	add := func(list []string, b []byte) []string {
		if len(b) == 0 || len(list) >= 64 {
			return list
		}
		return append(list, string(b))
	}
	threats := svc.GetArray("ebsVolumeScanDetails", "scanDetections", "threatDetectedByName", "threatNames")
	threats = append(threats, svc.GetArray("malwareScanDetails", "threats")...)
	for _, t := range threats {
		names = add(names, str(t, "name"))
		for _, p := range t.GetArray("filePaths") {
			paths = add(paths, str(p, "filePath"))
			files = add(files, str(p, "fileName"))
			hashes = add(hashes, str(p, "hash"))
		}
		for _, p := range t.GetArray("itemPaths") {
			paths = add(paths, str(p, "nestedItemPath"))
			hashes = add(hashes, str(p, "hash"))
		}
	}
	ev := n.ev
	ev.Keywords("aws.guardduty.malware.threat_names", names...)
	ev.Keywords("file.path", paths...)
	ev.Keywords("file.name", files...)
	ev.Keywords("file.hash.sha256", hashes...)
	n.hashes = append(n.hashes, hashes...)
}

using ControlPlane.Core.Planning;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Planning;

public class PlanRendererTests
{
    [Fact]
    public void A_dry_run_shows_levels_needs_and_resolved_commands()
    {
        var definition = TestWorkflows.Load("""
            name: demo
            inputs:
              target: {default: staging}
            defaults: {runs_on: linux, timeout: 5m}
            steps:
              - id: build
                run: |
                  make
                  make check
              - id: test
                needs: build
                matrix: {shard: [1, 2], max_parallel: 1}
                retry: {attempts: 2}
                run: test --shard ${{ matrix.shard }}
              - id: deploy
                needs: test
                if: success()
                http: {method: POST, url: "https://deploy.example.com/${{ inputs.target }}"}
            """);

        var text = PlanRenderer.Render(WorkflowPlanner.Plan(definition));

        var hash = WorkflowPlanner.Plan(definition).DefinitionHash[..19];
        Assert.Equal(
            $$"""
            workflow demo ({{hash}})
            inputs: target=staging
            4 steps in 3 levels

            level 0
              build
                runs_on:     linux
                timeout:     5m
                run (bash):  make
                             make check

            level 1
              test[shard=1]
                needs:       build
                runs_on:     linux
                timeout:     5m
                retry:       2 attempts, backoff 1s x2 up to 1m, on exit_code,timeout,runner_lost,error
                matrix:      2 combinations, max_parallel 1, fail_fast true
                run (bash):  test --shard 1
              test[shard=2]
                needs:       build
                runs_on:     linux
                timeout:     5m
                retry:       2 attempts, backoff 1s x2 up to 1m, on exit_code,timeout,runner_lost,error
                matrix:      2 combinations, max_parallel 1, fail_fast true
                run (bash):  test --shard 2

            level 2
              deploy
                needs:       test[shard=1], test[shard=2]
                runs_on:     linux
                if:          success()
                timeout:     5m
                http:        POST https://deploy.example.com/staging (expect 2xx)

            """,
            text);
    }
}
